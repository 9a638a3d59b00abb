using System.Net.Http.Headers;
using System.Text;
using Connectors.LocalHost;

namespace Connectors.Tests.Lifecycle;

/// <summary>
/// One HTTP request exactly as a lifecycle sent it (sent again byte for byte on a retry), and printed so a person
/// can replay it: method, path, the headers that matter, the body.
/// </summary>
public sealed record LifecycleRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, string? ContentType, byte[] Body, bool Keyed)
{
    /// <summary>Captures a built request (its content read once, so it can be sent again unchanged).</summary>
    public static LifecycleRequest From(HttpRequestMessage message, bool keyed)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.Content?.ReadAsByteArrayAsync().GetAwaiter().GetResult() ?? [];
        var headers = message.Headers.Select(h => new KeyValuePair<string, string>(h.Key, string.Join(",", h.Value))).ToList();
        return new LifecycleRequest(message.Method.Method, message.RequestUri!.OriginalString.TrimStart('/'), headers, message.Content?.Headers.ContentType?.ToString(), body, keyed);
    }

    public HttpRequestMessage ToMessage(string apiKey)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Path);
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (Keyed)
        {
            message.Headers.Add(LocalHostApiKeyOptions.HeaderName, apiKey);
        }

        if (ContentType is not null)
        {
            message.Content = new ByteArrayContent(Body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        }

        return message;
    }

    public override string ToString()
    {
        var text = new StringBuilder().Append(Method).Append(" /").Append(Path);
        if (Keyed)
        {
            text.Append("\n    ").Append(LocalHostApiKeyOptions.HeaderName).Append(": <the host's key>");
        }

        foreach (var (name, value) in Headers)
        {
            text.Append("\n    ").Append(name).Append(": ").Append(value);
        }

        if (ContentType is not null)
        {
            text.Append("\n    Content-Type: ").Append(ContentType).Append("\n    ").Append(Encoding.UTF8.GetString(Body));
        }

        return text.ToString();
    }
}
