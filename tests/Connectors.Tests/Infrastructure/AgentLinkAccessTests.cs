using Connectors.Core.Baton;
using Connectors.Core.Http;

namespace Connectors.Tests.Infrastructure;

/// <summary>
/// The agent link opens with its token alone in Azure: the generated <c>functions.metadata</c> has the view, the page and
/// the feedback anonymous, and no document tells anyone to add a function key (<c>code=</c>) to a link.
/// </summary>
public sealed class AgentLinkAccessTests
{
    [Fact]
    public void The_agent_link_routes_are_anonymous_in_the_generated_functions_metadata()
    {
        var functions = FunctionsMetadata.Load();

        Assert.Equal(3, BatonRoutes.AgentLink.Count);
        foreach (var route in BatonRoutes.AgentLink)
        {
            var function = Assert.Single(functions, f => f.Name == route.Name);
            Assert.Equal(route.Template, function.Trigger?.Route);
            Assert.Equal("Anonymous", function.Trigger?.AuthLevel, ignoreCase: true);
        }

        // The rest of the baton (append, transfer, answered) still needs a key.
        Assert.All(
            BatonRoutes.All.Except(BatonRoutes.AgentLink),
            route => Assert.Equal("Function", Assert.Single(functions, f => f.Name == route.Name).Trigger?.AuthLevel, ignoreCase: true));
        Assert.All(BatonRoutes.AgentLink, route => Assert.Equal(EndpointAccess.Anonymous, route.Access));
    }

    [Fact]
    public void No_document_puts_a_function_key_in_a_link()
    {
        var root = DeploymentTemplateTests.Root;
        var skipped = new[] { "node_modules", "bin", "obj", ".artifacts", "artifacts", ".git" };
        var documents = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".md", StringComparison.Ordinal) || path.EndsWith(".json", StringComparison.Ordinal) || path.EndsWith(".mjs", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal))
            .Where(path => !Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Any(part => skipped.Contains(part, StringComparer.Ordinal)))
            .ToList();

        Assert.Contains(documents, path => Path.GetFileName(path) == "README.md");
        var offenders = documents.Where(path => File.ReadAllText(path).Contains("code=", StringComparison.OrdinalIgnoreCase)).Select(path => Path.GetRelativePath(root, path)).ToList();
        Assert.True(offenders.Count == 0, "code= in " + string.Join(", ", offenders));
    }
}
