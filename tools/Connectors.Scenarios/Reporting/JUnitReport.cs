using System.Globalization;
using System.Xml.Linq;
using Connectors.Scenarios.Running;

namespace Connectors.Scenarios.Reporting;

/// <summary>JUnit XML for CI systems: a test suite per run, a test case per scenario and entry point, the scorecard's failures as the message.</summary>
public static class JUnitReport
{
    public static XDocument Build(IReadOnlyList<ScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var cases = new List<XElement>();
        foreach (var result in results)
        {
            if (result.Skipped is not null)
            {
                cases.Add(new XElement("testcase", new XAttribute("classname", "scenarios"), new XAttribute("name", result.Scenario), new XElement("skipped", new XAttribute("message", result.Skipped))));
                continue;
            }

            foreach (var card in result.Scorecards)
            {
                var element = new XElement("testcase", new XAttribute("classname", "scenarios." + result.Scenario), new XAttribute("name", $"{result.Scenario} via {card.Channel}"));
                if (!card.Passed)
                {
                    var lines = (card.Error is null ? [] : new[] { "run stopped: " + card.Error })
                        .Concat(card.Fatal.Select(f => $"FATAL {f.Name}: {f.Evidence}"))
                        .Concat(card.Failures.Select(f => $"{f.Name}: {f.Evidence}"));
                    element.Add(new XElement("failure", new XAttribute("message", card.Fatal.Count > 0 ? "fatal: " + card.Fatal[0].Name : $"score {card.Score.ToString(CultureInfo.InvariantCulture)}"), string.Join('\n', lines)));
                }

                element.Add(new XElement("system-out", $"call {card.CallId}, score {card.Score.ToString(CultureInfo.InvariantCulture)}"));
                cases.Add(element);
            }

            if (result.LedgerDifferences.Count > 0)
            {
                cases.Add(new XElement("testcase", new XAttribute("classname", "scenarios." + result.Scenario), new XAttribute("name", $"{result.Scenario} same ledger through every entry point"),
                    new XElement("failure", new XAttribute("message", "the ledgers differ"), string.Join('\n', result.LedgerDifferences))));
            }
        }

        var failures = cases.Count(c => c.Element("failure") is not null);
        var skipped = cases.Count(c => c.Element("skipped") is not null);
        return new XDocument(new XElement("testsuites",
            new XElement("testsuite", new XAttribute("name", "scenarios"), new XAttribute("tests", cases.Count), new XAttribute("failures", failures), new XAttribute("skipped", skipped), cases)));
    }
}
