using System.Globalization;
using System.Text.Json;

namespace Connectors.Benchmarks;

/// <summary>
/// Counts every kind of answer an endpoint gave: a flat answer by its <c>status</c> (and <c>outcome</c>), a problem
/// document by HTTP status and problem type, anything else (a body that is not JSON, a transport failure) by what it
/// was. A benchmark that met an answer it did not expect reports it instead of stopping.
/// </summary>
internal sealed class AnswerTally
{
    private readonly Dictionary<(string Endpoint, string Kind), int> _counts = [];

    public void Add(string endpoint, int httpStatus, string body) => Add(endpoint, Describe(httpStatus, body));

    public void AddFailure(string endpoint, Exception exception) => Add(endpoint, "no answer: " + exception.GetType().Name);

    public void Add(string endpoint, string kind)
    {
        lock (_counts)
        {
            _counts[(endpoint, kind)] = _counts.GetValueOrDefault((endpoint, kind)) + 1;
        }
    }

    /// <summary>One line per endpoint and kind, with its count; the kinds of one endpoint together.</summary>
    public IEnumerable<string> Lines()
    {
        lock (_counts)
        {
            return _counts
                .OrderBy(p => p.Key.Endpoint, StringComparer.Ordinal)
                .ThenByDescending(p => p.Value)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"  {p.Key.Endpoint,-18} {p.Value,6}  {p.Key.Kind}"))
                .ToList();
        }
    }

    public static string Describe(int httpStatus, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"{httpStatus} {root.ValueKind.ToString().ToLowerInvariant()}";
            }

            // A problem document: its "status" is the HTTP status (a number), its "type" says which problem.
            if (root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
            {
                return $"{httpStatus} {type.GetString()?.Replace("urn:connectors:problem:", string.Empty, StringComparison.Ordinal)}";
            }

            var status = root.TryGetProperty("status", out var s) ? Text(s) : null;
            var outcome = root.TryGetProperty("outcome", out var o) ? Text(o) : null;
            return string.Join(' ', new[] { httpStatus.ToString(CultureInfo.InvariantCulture), status, outcome }.Where(part => part is not null));
        }
        catch (JsonException)
        {
            return $"{httpStatus} (not JSON)";
        }
    }

    private static string Text(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString() ?? "null" : element.GetRawText();
}
