using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Connectors.Core.Storage;

namespace Connectors.Tests.Storage;

/// <summary>
/// Reads back everything a host stored in Azurite under its table prefix: every table whose name starts
/// with it, every entity in each. A scan that must see what the app wrote where nobody expected it cannot
/// go through <see cref="ITableStore"/>, which reads one named partition at a time; so this lists tables
/// and queries them whole, signed by Core's Shared Key policy.
/// </summary>
public sealed class AzuriteTableScanner
{
    private readonly HttpPipeline _pipeline;
    private readonly string _root;

    public AzuriteTableScanner(string connectionString)
    {
        var connection = StorageConnectionString.Parse(connectionString);
        _root = connection.TableEndpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _pipeline = HttpPipelineBuilder.Build(
            AzuriteFixture.FastOptions(),
            [],
            [new TableSharedKeyPolicy(connection.AccountName, connection.AccountKey, TimeProvider.System)],
            new ResponseClassifier());
    }

    /// <summary>The names of the tables that start with <paramref name="prefix"/> (case as created).</summary>
    public async Task<IReadOnlyList<string>> TablesAsync(string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        string? next = null;
        do
        {
            var url = _root + "/Tables" + (next is null ? string.Empty : "?NextTableName=" + Uri.EscapeDataString(next));
            using var response = await GetAsync(url, cancellationToken);
            using var json = JsonDocument.Parse(response.Content.ToMemory());
            names.AddRange(json.RootElement.GetProperty("value").EnumerateArray()
                .Select(t => t.GetProperty("TableName").GetString()!)
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal)));
            next = response.Headers.TryGetValue("x-ms-continuation-NextTableName", out var token) ? token : null;
        }
        while (!string.IsNullOrEmpty(next));

        return names;
    }

    /// <summary>Every entity of every table under <paramref name="prefix"/>, with the table it came from.</summary>
    public async Task<IReadOnlyList<(string Table, TableEntity Entity)>> EverythingAsync(string prefix, CancellationToken cancellationToken)
    {
        var all = new List<(string, TableEntity)>();
        foreach (var table in await TablesAsync(prefix, cancellationToken))
        {
            string? nextPartition = null;
            string? nextRow = null;
            do
            {
                var query = new List<string>();
                if (nextPartition is not null)
                {
                    query.Add("NextPartitionKey=" + Uri.EscapeDataString(nextPartition));
                }

                if (nextRow is not null)
                {
                    query.Add("NextRowKey=" + Uri.EscapeDataString(nextRow));
                }

                using var response = await GetAsync($"{_root}/{table}()" + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query)), cancellationToken);
                using var json = JsonDocument.Parse(response.Content.ToMemory());
                all.AddRange(json.RootElement.GetProperty("value").EnumerateArray().Select(e => (table, TableEntityJson.Read(e))));
                nextPartition = response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var p) ? p : null;
                nextRow = response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var r) ? r : null;
            }
            while (!string.IsNullOrEmpty(nextPartition) || !string.IsNullOrEmpty(nextRow));
        }

        return all;
    }

    private async Task<Response> GetAsync(string url, CancellationToken cancellationToken)
    {
        using var request = _pipeline.CreateRequest();
        request.Method = RequestMethod.Get;
        request.Uri.Reset(new Uri(url));
        request.Headers.SetValue("x-ms-version", TableAddress.ApiVersion);
        request.Headers.SetValue("DataServiceVersion", TableAddress.DataServiceVersion);
        request.Headers.SetValue("MaxDataServiceVersion", TableAddress.DataServiceVersion);
        request.Headers.SetValue(HttpHeader.Names.Accept, TableAddress.AcceptMinimalMetadata);
        var response = await _pipeline.SendRequestAsync(request, cancellationToken);
        if (response.Status != 200)
        {
            var status = response.Status;
            response.Dispose();
            throw new TableStorageException($"GET {url} answered {status}.", status);
        }

        return response;
    }
}
