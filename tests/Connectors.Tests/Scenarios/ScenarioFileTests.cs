using System.Text.Json.Nodes;
using Connectors.Scenarios.Model;
using Connectors.Scenarios.Reporting;
using Connectors.Scenarios.Running;

namespace Connectors.Tests.Scenarios;

/// <summary>The scenario files, the schema that validates them, the matchers and the baseline comparison, without a host.</summary>
public sealed class ScenarioFileTests
{
    [Fact]
    public void Every_shipped_scenario_is_valid_and_the_set_covers_each_channel_and_three_per_crm()
    {
        var files = ScenarioLoader.Files(ScenarioFolder.Path);
        foreach (var file in files)
        {
            Assert.Empty(ScenarioFolder.Loader.Validate(file, out _));
        }

        var scenarios = ScenarioFolder.All();
        Assert.True(scenarios.Count >= 12, $"{scenarios.Count} scenarios");
        Assert.All(PlatformDriver.All, channel => Assert.Contains(scenarios, s => s.Channels.Contains(channel)));
        Assert.True(scenarios.Count(s => s.Crm == "salesforce") >= 3);
        Assert.True(scenarios.Count(s => s.Crm == "zendesk") >= 3);
    }

    [Theory]
    [InlineData("crm: hubspot", "/crm")]
    [InlineData("steps: []", "/steps")]
    [InlineData("steps: [{ do: dance }]", "/steps/0/do")]
    [InlineData("steps: [{ do: read, expect: { fields: { balance: { near: 3 } } } }]", "/steps/0/expect/fields/balance")]
    public void The_schema_refuses_a_file_that_would_not_run_and_says_where(string line, string where)
    {
        var yaml = "name: broken\ncrm: salesforce\nsteps: [{ do: connect }]\n";
        var key = line.Split(':')[0];
        yaml = string.Join('\n', yaml.Split('\n').Where(l => !l.StartsWith(key + ":", StringComparison.Ordinal))) + "\n" + line + "\n";

        var errors = ScenarioFolder.Loader.Validate(YamlToJson.Convert(yaml));

        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.StartsWith(where, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"59.00\"", "59", true)]
    [InlineData("{\"any\": true}", "x", true)]
    [InlineData("{\"any\": true}", null, false)]
    [InlineData("{\"regex\": \"^59\\\\.00 USD$\"}", "59.00 USD", true)]
    [InlineData("{\"regex\": \"^59\"}", "60", false)]
    [InlineData("{\"within\": [1523.45, 0.01]}", "1523.449", true)]
    [InlineData("{\"within\": [1523.45, 0.01]}", "1523.5", false)]
    [InlineData("{\"absent\": true}", null, true)]
    [InlineData("{\"absent\": true}", "4242", false)]
    public void A_matcher_matches_what_it_says_and_only_that(string matcher, string? actual, bool matches)
    {
        Assert.Equal(matches, Matchers.Miss(JsonNode.Parse(matcher), actual) is null);
    }

    [Fact]
    public void The_baseline_comparison_lists_what_now_fails_now_passes_and_moved()
    {
        IReadOnlyList<ResultSummary> before = [new("a", true, false, 1, 100, false, []), new("b", false, false, 0, 40, false, ["x"]), new("gone", true, false, 1, 100, false, [])];
        IReadOnlyList<ResultSummary> after = [new("a", false, false, 0.5, 70, false, ["read balance: expected 200"]), new("b", true, false, 1, 100, false, []), new("new", true, false, 1, 100, false, [])];

        var changes = BaselineComparison.Compare(before, after);

        Assert.Contains("now fails: a — read balance: expected 200", changes);
        Assert.Contains("now passes: b", changes);
        Assert.Contains("score: a 100 → 70", changes);
        Assert.Contains("new: new (passes)", changes);
        Assert.Contains("gone: gone", changes);
    }
}
