namespace Connectors.Tests.Channels;

/// <summary>Where tests leave what a person may want to look at afterwards (pages, screenshots): <c>.artifacts/test-results</c>.</summary>
internal static class PageArtifacts
{
    public static string Directory
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("CONNECTORS_TEST_ARTIFACTS")
                ?? Path.Combine(Infrastructure.DeploymentTemplateTests.Root, ".artifacts", "test-results");
            System.IO.Directory.CreateDirectory(root);
            return root;
        }
    }

    public static string Save(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
