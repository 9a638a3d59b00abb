using System.Text;

namespace Connectors.Simulators.Salesforce;

/// <summary>Issues 18-character record ids the way an org does: key prefix, pod, counter, case-encoding suffix.</summary>
public sealed class SalesforceIdGenerator
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private long _counter;

    public string Next(string keyPrefix)
    {
        // Spread consecutive counters over the id space so ids do not look sequential (real ones rarely do).
        var value = (ulong)Interlocked.Increment(ref _counter) * 2_654_435_761UL % 13_537_086_546_263_552UL;
        var counter = new char[9];
        for (var i = 8; i >= 0; i--)
        {
            counter[i] = Base62[(int)(value % 62)];
            value /= 62;
        }

        return WithSuffix(keyPrefix + "5g0" + new string(counter));
    }

    /// <summary>Appends the three characters that encode which of the 15 are upper case.</summary>
    public static string WithSuffix(string id15)
    {
        var id = new StringBuilder(id15, 18);
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                if (id15[(chunk * 5) + i] is >= 'A' and <= 'Z')
                {
                    bits += 1 << i;
                }
            }

            id.Append(SuffixAlphabet[bits]);
        }

        return id.ToString();
    }
}
