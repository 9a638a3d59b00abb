using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Connectors.Core.Crm.Resilience;

/// <summary>
/// Runs every request to one CRM through its <see cref="CrmResiliencePipeline"/> under the org's
/// concurrency limit, and turns what is left of a failure into <see cref="CrmUnavailableException"/>,
/// so connectors only ever see answers they must interpret (2xx, 3xx, permanent 4xx).
/// </summary>
public sealed class CrmResilienceHandler : DelegatingHandler
{
    private readonly CrmResiliencePipeline _pipeline;
    private readonly CrmMetrics _metrics;
    private readonly ILogger _logger;

    public CrmResilienceHandler(CrmResiliencePipeline pipeline, CrmMetrics metrics, ILogger<CrmResilienceHandler> logger)
    {
        _pipeline = pipeline;
        _metrics = metrics;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isWrite = request.IsWrite();
        var keyed = request.Options.TryGetValue(CrmRequestOptions.IdempotencyKey, out _);
        var pipeline = !isWrite || keyed ? _pipeline.Retrying : _pipeline.SingleAttempt;
        var operation = request.Options.TryGetValue(CrmRequestOptions.Operation, out var op) ? op : request.Method.Method;
        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            var response = await pipeline.ExecuteAsync(
                static async (state, token) =>
                {
                    using var lease = await state.Self._pipeline.Limiter.AcquireAsync(1, token);
                    if (!lease.IsAcquired)
                    {
                        throw new CrmUnavailableException(state.Self._pipeline.Crm, "throttled", outcomeUnknown: false);
                    }

                    return await state.Self.SendOnceAsync(state.Request, token);
                },
                (Self: this, Request: request),
                cancellationToken);

            if (await _pipeline.Classifier.IsTransientAsync(response))
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                outcome = status == 429 ? "throttled" : "server-error";
                throw new CrmUnavailableException(_pipeline.Crm, outcome, outcomeUnknown: isWrite);
            }

            outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return response;
        }
        catch (BrokenCircuitException ex)
        {
            outcome = "circuit-open";
            throw new CrmUnavailableException(_pipeline.Crm, outcome, outcomeUnknown: false, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            outcome = "timeout";
            throw new CrmUnavailableException(_pipeline.Crm, outcome, outcomeUnknown: isWrite, ex);
        }
        catch (HttpRequestException ex)
        {
            // A refused connection never reached the CRM; anything later may have committed a write.
            outcome = "connection-failed";
            var neverSent = ex.HttpRequestError == HttpRequestError.ConnectionError && ex.InnerException is System.Net.Sockets.SocketException
                { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused };
            throw new CrmUnavailableException(_pipeline.Crm, outcome, outcomeUnknown: isWrite && !neverSent, ex);
        }
        catch (CrmUnavailableException ex)
        {
            outcome = ex.Reason;
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up (a hedged read lost the race, a request ended): not a CRM outcome.
            outcome = "cancelled";
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            _metrics.RecordRequest(_pipeline.Crm, operation, outcome, elapsed);
            if (outcome is "timeout" or "circuit-open" or "connection-failed" or "server-error" or "throttled")
            {
                _logger.LogWarning("{Crm} {Operation} gave up after {ElapsedMs} ms: {Outcome}", _pipeline.Crm, operation, (long)elapsed.TotalMilliseconds, outcome);
            }
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        // Buffer so a classifier may read the body and the connector can still read it after.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        return response;
    }
}
