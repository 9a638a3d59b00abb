using Connectors.Core.Resilience;

namespace Connectors.Core.Crm.Resilience;

/// <summary>The plain HTTP rule: 408, 429 and 5xx are transient; nothing else is.</summary>
public class HttpTransientClassifier : ICrmTransientClassifier
{
    public virtual ValueTask<bool> IsTransientAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ValueTask.FromResult(HttpResiliencePipelines.IsTransientStatus(response.StatusCode));
    }
}
