using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connectors.Core.Auth;
using Connectors.Core.Storage;

namespace Connectors.Tests.Auth.Support;

internal static class HttpAssert
{
    /// <summary>Asserts an RFC 7807 answer with the given status and problem slug.</summary>
    public static async Task ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} {slug}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("urn:connectors:problem:" + slug, problem.RootElement.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
    }

    public static async Task<StepUpResult> ResultAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<StepUpResult>(body, ConnectorsJson.Options)!;
    }

    public static async Task<T> JsonAsync<T>(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return (await response.Content.ReadFromJsonAsync<T>(ConnectorsJson.Options))!;
    }
}
