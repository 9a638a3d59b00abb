using System.Text.Json;

namespace Connectors.Core.Storage;

/// <summary>The code and first line of an OData error body (<c>{"odata.error":{"code":..,"message":{"value":..}}}</c>).</summary>
internal sealed record TableServiceError(string? Code, string? Message)
{
    /// <summary>What a person reads after the status: <c>" Code: message"</c>, either part left out when absent.</summary>
    public string Describe() => (string.IsNullOrEmpty(Code) ? string.Empty : " " + Code) + (string.IsNullOrEmpty(Message) ? string.Empty : ": " + Message);

    public static TableServiceError Read(ReadOnlySpan<byte> body, string? headerCode)
    {
        string? code = headerCode;
        string? message = null;
        if (!body.IsEmpty)
        {
            try
            {
                using var document = JsonDocument.Parse(body.ToArray());
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("odata.error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    if (error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String)
                    {
                        code ??= c.GetString();
                    }

                    if (error.TryGetProperty("message", out var m))
                    {
                        message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.GetString();
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's HTML page, say): the status alone has to tell the story.
            }
        }

        // The service appends "\nRequestId:..\nTime:.."; the first line is the part a person reads.
        var firstLine = message?.Split('\n', 2)[0].Trim();
        return new TableServiceError(code, string.IsNullOrEmpty(firstLine) ? null : firstLine);
    }
}
