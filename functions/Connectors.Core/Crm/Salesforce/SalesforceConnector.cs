using Connectors.Core.Calls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// The CRM port on Salesforce. Lookups and snapshot reads, keyed upserts for the disposition and notes,
/// and the screen pop, which Salesforce cannot push from a server: it answers the record's Lightning URL
/// for the agent desktop (or CTI adapter) to open, with <c>Delivered = false</c>.
/// </summary>
public sealed partial class SalesforceConnector : ICrmConnector
{
    private readonly SalesforceCandidateFinder _finder;
    private readonly SalesforceSnapshotReader _snapshots;
    private readonly SalesforceDispositionWriter _dispositions;
    private readonly SalesforceNoteWriter _notes;
    private readonly IOptions<SalesforceOptions> _options;
    private readonly ILogger _logger;

    public SalesforceConnector(
        SalesforceCandidateFinder finder,
        SalesforceSnapshotReader snapshots,
        SalesforceDispositionWriter dispositions,
        SalesforceNoteWriter notes,
        IOptions<SalesforceOptions> options,
        ILogger<SalesforceConnector> logger)
    {
        _finder = finder;
        _snapshots = snapshots;
        _dispositions = dispositions;
        _notes = notes;
        _options = options;
        _logger = logger;
    }

    public CrmKind Kind => CrmKind.Salesforce;

    public async Task<IReadOnlyList<CrmCandidate>> FindByPhoneAsync(PhoneNumber phone, CrmCallContext call, CancellationToken cancellationToken)
    {
        using var scope = CallScope(call);
        return await _finder.FindByPhoneAsync(phone, call, cancellationToken);
    }

    public async Task<IReadOnlyList<CrmCandidate>> FindByAccountNumberAsync(string accountNumber, CrmCallContext call, CancellationToken cancellationToken)
    {
        using var scope = CallScope(call);
        return await _finder.FindByAccountNumberAsync(accountNumber, call, cancellationToken);
    }

    public async Task<AccountSnapshot?> GetAccountSnapshotAsync(string accountId, CrmCallContext call, CancellationToken cancellationToken)
    {
        using var scope = CallScope(call);
        return await _snapshots.ReadAsync(accountId, call, cancellationToken);
    }

    public async Task<DispositionWriteResult> UpsertDispositionAsync(DispositionRecord disposition, CrmCallContext call, CancellationToken cancellationToken)
    {
        using var scope = CallScope(call);
        return await _dispositions.UpsertAsync(disposition, call, cancellationToken);
    }

    public async Task<CrmNoteResult> AddNoteAsync(CrmNote note, CrmCallContext call, CancellationToken cancellationToken)
    {
        using var scope = CallScope(call);
        return await _notes.AddAsync(note, call, cancellationToken);
    }

    public Task<ScreenPopResult> PopRecordAsync(ScreenPopRequest request, CrmCallContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!SalesforceRecordId.IsValid(request.RecordId))
        {
            throw new CrmRejectedException(CrmKind.Salesforce, 400, "MALFORMED_ID", "A record to pop is an id of 15 or 18 letters and digits.");
        }

        // With an object name the URL opens straight to the record page; without one Lightning resolves the id.
        var path = !string.IsNullOrEmpty(request.RecordType) && ApiName().IsMatch(request.RecordType)
            ? $"lightning/r/{request.RecordType}/{request.RecordId}/view"
            : $"lightning/r/{request.RecordId}/view";
        var url = new Uri(_options.Value.LightningBase(), path).AbsoluteUri;
        return Task.FromResult(new ScreenPopResult(Delivered: false, url, "Salesforce has no server push; open the URL in the agent's console."));
    }

    [System.Text.RegularExpressions.GeneratedRegex(SalesforceOptions.ApiNamePattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ApiName();

    private IDisposable? CallScope(CrmCallContext call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _logger.BeginScope(new Dictionary<string, object> { [Observability.ConnectorsTelemetry.CallIdScopeKey] = call.CallId });
    }
}
