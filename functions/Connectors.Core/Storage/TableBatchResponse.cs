using System.Globalization;
using System.Text;

namespace Connectors.Core.Storage;

/// <summary>
/// Reads the multipart answer to an entity group transaction. The outer status is 202 whether or not the
/// changeset was applied; a refused changeset answers with the one failing operation, whose error message
/// starts with its 0-based index (<c>"1:The specified entity already exists."</c>).
/// </summary>
internal static class TableBatchResponse
{
    public static TableTransactionResult Read(ReadOnlySpan<byte> body)
    {
        var failure = ReadParts(Encoding.UTF8.GetString(body)).FirstOrDefault(p => p.Status >= 300);
        if (failure is null)
        {
            return TableTransactionResult.Success;
        }

        var error = TableServiceError.Read(Encoding.UTF8.GetBytes(failure.Body), failure.ErrorCode);
        var (index, message) = SplitIndex(error.Message ?? string.Empty);
        index ??= int.TryParse(failure.ContentId, NumberStyles.None, CultureInfo.InvariantCulture, out var contentId) ? contentId : null;
        var status = failure.Status switch
        {
            404 => TableWriteStatus.NotFound,
            409 => TableWriteStatus.Conflict,
            412 => TableWriteStatus.PreconditionFailed,
            _ => (TableWriteStatus?)null,
        };

        if (status is null)
        {
            var which = index is null ? "An operation" : $"Operation {index}";
            throw new TableStorageException($"{which} of the transaction was refused with {failure.Status}{new TableServiceError(error.Code, message).Describe()}", failure.Status, error.Code);
        }

        return new TableTransactionResult(false, index, status, message);
    }

    private static (int? Index, string Message) SplitIndex(string message)
    {
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? (index, message[(colon + 1)..])
            : (null, message);
    }

    /// <summary>
    /// Every embedded HTTP response, in order. Boundaries nest (batch, then changeset), so rather than follow
    /// them this looks for status lines and reads each part's headers and body up to the next boundary.
    /// </summary>
    private static List<Part> ReadParts(string text)
    {
        var parts = new List<Part>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("HTTP/1.", StringComparison.Ordinal))
            {
                continue;
            }

            var statusText = lines[i].Split(' ', 3);
            var status = statusText.Length > 1 && int.TryParse(statusText[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 500;
            string? contentId = null;
            string? errorCode = null;
            for (i++; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    continue;
                }

                var name = lines[i][..colon].Trim();
                var value = lines[i][(colon + 1)..].Trim();
                if (name.Equals("Content-ID", StringComparison.OrdinalIgnoreCase))
                {
                    contentId = value;
                }
                else if (name.Equals("x-ms-error-code", StringComparison.OrdinalIgnoreCase))
                {
                    errorCode = value;
                }
            }

            var bodyLines = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                bodyLines.Add(lines[i]);
            }

            parts.Add(new Part(status, contentId, errorCode, string.Join('\n', bodyLines).Trim()));
            i--;
        }

        return parts;
    }

    private sealed record Part(int Status, string? ContentId, string? ErrorCode, string Body);
}
