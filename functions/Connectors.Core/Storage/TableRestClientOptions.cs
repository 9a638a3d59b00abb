using Azure.Core;

namespace Connectors.Core.Storage;

/// <summary>
/// Pipeline settings of <see cref="TableRestClient"/>: Azure.Core's retry (5xx, 408 and 429, honouring
/// Retry-After), transport and diagnostics, plus the clock that dates Shared Key signatures.
/// </summary>
public sealed class TableRestClientOptions : ClientOptions
{
    public TableRestClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 3;
        Retry.Delay = TimeSpan.FromMilliseconds(800);
        Retry.MaxDelay = TimeSpan.FromSeconds(10);

        // Azure.Core waits 100 s per attempt by default; a state store on the call path must fail much sooner.
        Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        Diagnostics.ApplicationId = "Connectors";
    }

    /// <summary>Dates each signed request (<c>x-ms-date</c>). Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
