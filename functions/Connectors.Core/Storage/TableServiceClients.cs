using Azure.Data.Tables;
using Connectors.Core.Hosting;

namespace Connectors.Core.Storage;

/// <summary>
/// The one place the credentials and client options of Table Storage are decided, for both hosts: a
/// connection string means Shared Key (an account key, Azurite's, or <c>UseDevelopmentStorage=true</c>); a
/// table service URI means Entra with the app's managed identity (or DefaultAzureCredential when no client
/// id is set). Retries and the per-attempt timeout come from <see cref="StorageOptions"/>.
/// </summary>
internal static class TableServiceClients
{
    public static TableServiceClient Create(StorageOptions options, StorageTransactionMeter? transactions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = ClientOptions(options);
        transactions?.Count(clientOptions, StorageTransactionMeter.Table, StorageTransactionMeter.AppClient);
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new TableServiceClient(options.TableServiceUri!, AzureCredentials.ForManagedIdentity(options.ManagedIdentityClientId), clientOptions)
            : new TableServiceClient(options.ConnectionString, clientOptions);
    }

    public static TableClientOptions ClientOptions(StorageOptions options)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.Mode = Azure.Core.RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        clientOptions.Diagnostics.ApplicationId = "Connectors";
        return clientOptions;
    }

    /// <summary>Why the SDK cannot use <paramref name="connectionString"/>, or null when it can (nothing is sent).</summary>
    public static string? ConnectionStringProblem(string connectionString)
    {
        try
        {
            _ = new TableServiceClient(connectionString);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return ex.Message;
        }
    }
}
