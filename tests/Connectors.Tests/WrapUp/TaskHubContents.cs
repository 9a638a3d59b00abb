using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Connectors.Core.Storage;
using Connectors.LocalHost.Durable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.WrapUp;

/// <summary>
/// Everything a host's Durable Task hub holds on Azurite, as text: every property of every row of its tables (history,
/// instances, partitions), every blob of its containers (large payloads, leases) and every message of its queues.
/// </summary>
internal static class TaskHubContents
{
    public static string HubName(IServiceProvider services) => services.GetRequiredService<DurableTaskEngineService>().HubName;

    public static async Task<string> DumpAsync(IServiceProvider services)
    {
        var hub = HubName(services);
        var connection = services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString!;
        var text = new StringBuilder();
        var tables = new TableServiceClient(connection);
        await foreach (var table in tables.QueryAsync())
        {
            if (!table.Name.StartsWith(hub, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (name, value) in row)
                {
                    text.Append(table.Name).Append(' ').Append(name).Append('=').Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value).Append('\n');
                }
            }
        }

        var blobs = new BlobServiceClient(connection);
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            if (!container.Name.StartsWith(hub, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = await client.GetBlobClient(blob.Name).DownloadContentAsync();
                text.Append(container.Name).Append('/').Append(blob.Name).Append('=').Append(Decompressed(content.Value.Content.ToArray())).Append('\n');
            }
        }

        var queues = new QueueServiceClient(connection);
        await foreach (var queue in queues.GetQueuesAsync())
        {
            if (!queue.Name.StartsWith(hub, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var message in (await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value)
            {
                text.Append(queue.Name).Append('=').Append(message.Body).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>DTFx stores large payloads gzip-compressed; anything else is read as UTF-8.</summary>
    private static string Decompressed(byte[] bytes)
    {
        if (bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
        {
            using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
