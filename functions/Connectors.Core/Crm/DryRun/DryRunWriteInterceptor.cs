using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Connectors.Core.Crm.DryRun;

/// <summary>
/// The last handler before the network, and the only place dry run differs from production: a write
/// of a dry-run call is recorded in the ledger and answered as the CRM would have answered it; a read
/// of a record the dry run made up is answered from the ledger (the CRM would say 404); every other
/// request (all other reads, all live calls) goes to the CRM.
/// </summary>
public sealed class DryRunWriteInterceptor : DelegatingHandler
{
    private readonly IDryRunResponder _responder;
    private readonly IWriteLedger _ledger;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DryRunFaultStore? _faults;

    /// <param name="faults">The write faults scenarios ask of their own dry-run calls; null serves none.</param>
    public DryRunWriteInterceptor(IDryRunResponder responder, IWriteLedger ledger, TimeProvider time, ILogger<DryRunWriteInterceptor> logger, DryRunFaultStore? faults = null)
    {
        _faults = faults;
        _responder = responder;
        _ledger = ledger;
        _time = time;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(CrmRequestOptions.Call, out var call) || !call.DryRun)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        if (!request.IsWrite())
        {
            return await ReadAsync(request, call, cancellationToken);
        }

        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var write = new WriteLedgerEntry
        {
            CallId = call.CallId,
            Crm = _responder.Crm,
            Operation = request.Options.TryGetValue(CrmRequestOptions.Operation, out var operation) ? operation : request.Method.Method,
            Method = request.Method.Method,
            Path = request.RequestUri?.PathAndQuery ?? string.Empty,
            Body = body,
            IdempotencyKey = request.Options.TryGetValue(CrmRequestOptions.IdempotencyKey, out var key) ? key : null,
            At = _time.GetUtcNow(),
        };

        var fault = _faults is null ? null : await _faults.TryTakeAsync(call.CallId, cancellationToken);
        if (fault is DryRunFaultKind.Throttle or DryRunFaultKind.Outage)
        {
            _logger.LogInformation("Dry run: answered {Crm} {Operation} with the {Fault} the scenario asked for", write.Crm, write.Operation, fault);
            return ToResponse(request, fault == DryRunFaultKind.Throttle
                ? new DryRunReply(429, null, null, new Dictionary<string, string> { ["Retry-After"] = "1" })
                : new DryRunReply(503, null, null));
        }

        var earlier = write.IdempotencyKey is null
            ? []
            : (await _ledger.ForCallAsync(call.CallId, cancellationToken))
                .Where(e => e.Crm == write.Crm && string.Equals(e.IdempotencyKey, write.IdempotencyKey, StringComparison.Ordinal))
                .ToList();
        var reply = _responder.Respond(write, earlier);
        await _ledger.RecordAsync(write with { SimulatedStatus = reply.Status, SimulatedRecordId = reply.RecordId }, cancellationToken);
        _logger.LogInformation("Dry run: recorded {Crm} {Operation} instead of sending it; answered {Status}", write.Crm, write.Operation, reply.Status);
        if (fault == DryRunFaultKind.TimeoutAfterCommit)
        {
            // Committed, then silence: the resilience pipeline's attempt timeout cancels this wait and retries under the same key.
            _logger.LogInformation("Dry run: holding the answer to {Crm} {Operation} past the client's timeout, as the scenario asked", write.Crm, write.Operation);
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken);
        }

        return ToResponse(request, reply);
    }

    /// <summary>Reads of a dry-run call go to the CRM, except reads of records the dry run made up.</summary>
    private async Task<HttpResponseMessage> ReadAsync(HttpRequestMessage request, CrmCallContext call, CancellationToken cancellationToken)
    {
        var ledger = (await _ledger.ForCallAsync(call.CallId, cancellationToken)).Where(e => e.Crm == _responder.Crm).ToList();
        var reply = ledger.Count == 0 ? null : _responder.RespondToRead(request.RequestUri?.PathAndQuery ?? string.Empty, ledger);
        return reply is null ? await base.SendAsync(request, cancellationToken) : ToResponse(request, reply);
    }

    private static HttpResponseMessage ToResponse(HttpRequestMessage request, DryRunReply reply)
    {
        var response = new HttpResponseMessage((HttpStatusCode)reply.Status) { RequestMessage = request };
        response.Content = reply.JsonBody is null
            ? new ByteArrayContent([])
            : new StringContent(reply.JsonBody, Encoding.UTF8, "application/json");
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }
}
