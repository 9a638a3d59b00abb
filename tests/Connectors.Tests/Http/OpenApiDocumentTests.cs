using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Connectors.Core.Http;
using Connectors.Tests.Infrastructure;
using Connectors.Tests.Storage;

namespace Connectors.Tests.Http;

/// <summary>
/// LocalHost's OpenAPI document covers exactly <see cref="RouteTable.All"/> (read at run time, so every branch's routes are
/// held to it once merged), with the same methods, and lists every problem type the source throws with its status.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class OpenApiDocumentTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_document_covers_exactly_the_route_table_with_the_same_methods_and_lists_every_problem_type()
    {
        await using var host = await LocalHostServer.StartAsync(new Dictionary<string, string?> { ["Storage:ConnectionString"] = azurite.ConnectionString });

        using var response = await host.Client.GetAsync(new Uri("api/openapi.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(op => op.Name is "get" or "put" or "post" or "delete" or "patch" or "head" or "options")
                .Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var routed = RouteTable.All.Select(r => $"{r.Method.ToUpperInvariant()} {RouteTable.Prefix}/{RouteTemplate().Replace(r.Template, "{$1}")}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(routed, documented);

        var text = document.RootElement.GetRawText();
        foreach (var problem in ProblemTypeCatalog.All)
        {
            Assert.Contains(ProblemTypeCatalog.TypeOf(problem.Slug), text, StringComparison.Ordinal);
        }

        var signals = document.RootElement.GetProperty("paths").GetProperty("/api/signals").GetProperty("get").GetProperty("responses");
        Assert.Contains("invalid-signal-range", signals.GetProperty("400").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(signals.GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public async Task The_interactive_reference_is_served_by_localhost()
    {
        await using var host = await LocalHostServer.StartAsync(new Dictionary<string, string?> { ["Storage:ConnectionString"] = azurite.ConnectionString });

        using var response = await host.Client.GetAsync(new Uri("api/reference", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("scalar", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The catalog is not a list someone keeps by hand and forgets: every problem the source throws with a literal slug is in it, with its status.</summary>
    [Fact]
    public void Every_problem_the_source_throws_is_in_the_catalog_with_its_status()
    {
        var thrown = Directory.EnumerateFiles(Path.Combine(DeploymentTemplateTests.Root, "functions"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => ThrownProblem().Matches(File.ReadAllText(path)))
            .Select(match => (Status: int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Slug: match.Groups[2].Value))
            .Distinct()
            .ToList();

        Assert.NotEmpty(thrown);
        var catalog = ProblemTypeCatalog.All.Select(p => (p.Status, p.Slug)).ToHashSet();
        Assert.All(thrown, t => Assert.Contains(t, catalog));
    }

    /// <summary>A route parameter with a constraint (<c>{id:guid}</c>) is documented by its name alone.</summary>
    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(?::[^}]*)?\}")]
    private static partial Regex RouteTemplate();

    [GeneratedRegex(@"(?:ProblemException|new)\(\s*([0-9]{3}),\s*""([a-z0-9-]+)""")]
    private static partial Regex ThrownProblem();
}
