using Connectors.Simulators.Faults;

namespace Connectors.Simulators.Zendesk;

/// <summary>
/// One request as the simulator saw it: when it arrived (business clock), what was asked (headers
/// without Authorization, the body), what it answered (status 0 when the connection was dropped) and
/// which fault, if any, it met.
/// </summary>
public sealed record ZendeskLoggedRequest
{
    /// <summary>Arrival order (a late answer is logged when it completes, after requests that came later).</summary>
    public required long Sequence { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Method { get; init; }

    public required string PathAndQuery { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public string? Body { get; init; }

    public int Status { get; init; }

    public IReadOnlyDictionary<string, string> ResponseHeaders { get; init; } = new Dictionary<string, string>();

    public FaultKind Fault { get; init; }

    public bool IsWrite => Method is not ("GET" or "HEAD");

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? ResponseHeader(string name) => ResponseHeaders.TryGetValue(name, out var value) ? value : null;
}
