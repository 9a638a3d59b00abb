using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Connectors.Simulators.Recording;

/// <summary>Every request a simulator received, in arrival order. Thread-safe.</summary>
public sealed class RequestRecorder
{
    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return _requests.ToList();
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    public RecordedRequest Record(HttpContext context, string body, string? messageText, string bodyWithoutMessage)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = new RecordedRequest(
            DateTimeOffset.UtcNow,
            context.Request.Method,
            context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            messageText,
            bodyWithoutMessage);
        lock (_gate)
        {
            _requests.Add(request);
        }

        return request;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }
}
