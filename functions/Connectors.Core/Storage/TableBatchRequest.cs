using System.Globalization;
using System.Text;

namespace Connectors.Core.Storage;

/// <summary>
/// The multipart/mixed body of an entity group transaction: one batch holding one changeset, each
/// operation a full HTTP request with an absolute URL, its <c>Content-ID</c> the operation's 0-based index.
/// </summary>
internal sealed class TableBatchRequest
{
    private const string Crlf = "\r\n";

    private TableBatchRequest(string contentType, byte[] body)
    {
        ContentType = contentType;
        Body = body;
    }

    public string ContentType { get; }

    public byte[] Body { get; }

    public static TableBatchRequest Create(TableAddress address, string table, IReadOnlyList<TableTransactionAction> actions)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("N");
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        using var body = new MemoryStream();

        Write(body, $"--{batch}{Crlf}Content-Type: multipart/mixed; boundary={changeset}{Crlf}{Crlf}");
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var (method, url, ifMatch) = action.Type switch
            {
                TableTransactionActionType.Add => ("POST", address.Table(table), null),
                TableTransactionActionType.UpdateReplace => ("PUT", address.Entity(table, action.Entity.PartitionKey, action.Entity.RowKey), action.IfMatch ?? "*"),
                TableTransactionActionType.UpdateMerge => ("MERGE", address.Entity(table, action.Entity.PartitionKey, action.Entity.RowKey), action.IfMatch ?? "*"),
                TableTransactionActionType.UpsertReplace => ("PUT", address.Entity(table, action.Entity.PartitionKey, action.Entity.RowKey), null),
                TableTransactionActionType.UpsertMerge => ("MERGE", address.Entity(table, action.Entity.PartitionKey, action.Entity.RowKey), null),
                TableTransactionActionType.Delete => ("DELETE", address.Entity(table, action.Entity.PartitionKey, action.Entity.RowKey), action.IfMatch ?? "*"),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.Type, "Unknown transaction operation."),
            };

            var part = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"--{changeset}{Crlf}")
                .Append(CultureInfo.InvariantCulture, $"Content-Type: application/http{Crlf}")
                .Append(CultureInfo.InvariantCulture, $"Content-Transfer-Encoding: binary{Crlf}{Crlf}")
                .Append(CultureInfo.InvariantCulture, $"{method} {url} HTTP/1.1{Crlf}")
                .Append(CultureInfo.InvariantCulture, $"Accept: {TableAddress.AcceptMinimalMetadata}{Crlf}")
                .Append(CultureInfo.InvariantCulture, $"DataServiceVersion: {TableAddress.DataServiceVersion}{Crlf}")
                .Append(CultureInfo.InvariantCulture, $"Content-ID: {i}{Crlf}");
            if (ifMatch is not null)
            {
                part.Append(CultureInfo.InvariantCulture, $"If-Match: {ifMatch}{Crlf}");
            }

            if (action.Type == TableTransactionActionType.Delete)
            {
                Write(body, part.Append(Crlf).ToString());
            }
            else
            {
                part.Append(CultureInfo.InvariantCulture, $"Content-Type: application/json{Crlf}");
                if (action.Type == TableTransactionActionType.Add)
                {
                    part.Append(CultureInfo.InvariantCulture, $"Prefer: return-no-content{Crlf}");
                }

                Write(body, part.Append(Crlf).ToString());
                body.Write(TableEntityJson.Serialize(action.Entity));
                Write(body, Crlf);
            }
        }

        Write(body, $"--{changeset}--{Crlf}--{batch}--{Crlf}");
        return new TableBatchRequest($"multipart/mixed; boundary={batch}", body.ToArray());
    }

    private static void Write(MemoryStream body, string text) => body.Write(Encoding.UTF8.GetBytes(text));
}
