using Microsoft.Extensions.Logging;

namespace Connectors.Core.Crm.Salesforce;

/// <summary>
/// Applies the <see cref="SalesforceApiBudget"/> before a request and feeds it the <c>Sforce-Limit-Info</c>
/// of the answer. Sits under the auth handler and over the resilience pipeline, so one logical request is
/// delayed or shed once, not once per attempt.
/// </summary>
public sealed partial class SalesforceApiLimitHandler : DelegatingHandler
{
    private readonly SalesforceApiBudget _budget;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SalesforceApiLimitHandler(SalesforceApiBudget budget, TimeProvider time, ILogger<SalesforceApiLimitHandler> logger)
    {
        _budget = budget;
        _time = time;
        _logger = logger;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var decision = _budget.Decide(request.IsWrite());
        if (decision.Shed)
        {
            LogShed(decision.UsageRatio ?? 0);
            throw new CrmUnavailableException(CrmKind.Salesforce, "throttled", outcomeUnknown: false);
        }

        if (decision.Delay > TimeSpan.Zero)
        {
            LogDelayed((long)decision.Delay.TotalMilliseconds, decision.UsageRatio ?? 0);
            await Task.Delay(decision.Delay, _time, cancellationToken);
        }

        var response = await base.SendAsync(request, cancellationToken);
        _budget.Observe(response);
        return response;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Salesforce API usage at {UsageRatio:P1}: refusing a read to keep the rest of the allowance for writes")]
    private partial void LogShed(double usageRatio);

    [LoggerMessage(Level = LogLevel.Information, Message = "Salesforce API usage at {UsageRatio:P1}: delaying a request by {DelayMs} ms")]
    private partial void LogDelayed(long delayMs, double usageRatio);
}
