using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Connectors.Core.Auth.Biometrics;
using Connectors.Core.Storage;
using Connectors.Tests.Auth.Support;
using Connectors.Tests.EndToEnd;
using Connectors.Tests.Fakes;
using Connectors.Tests.Storage;
using Microsoft.Extensions.Logging;

namespace Connectors.Tests.Http;

/// <summary>
/// Every route that names a call refuses a malformed call id with a 400 problem before it touches storage. The host's
/// storage points at a port where nothing listens, so any I/O before the check would show as a 503 instead.
/// </summary>
public sealed class CallIdRouteValidationTests
{
    /// <summary>Azurite's well-known development account, on a port where nothing listens.</summary>
    private static readonly string UnreachableStorage =
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteStorage.DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{LoopbackPort.Closed()}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:{LoopbackPort.Closed()}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{LoopbackPort.Closed()}/devstoreaccount1;";

    private static readonly (HttpMethod Method, string Path, string? Body)[] Routes =
    [
        (HttpMethod.Post, "connect", """{"platform":"twilio","callerNumber":"+14155550101"}"""),
        (HttpMethod.Get, string.Empty, null),
        (HttpMethod.Get, "account?action=balance", null),
        (HttpMethod.Post, "account/select", """{"accountNumber":"A100"}"""),
        (HttpMethod.Post, "account/invalidate", """{"reason":"payment-logged"}"""),
        (HttpMethod.Post, "auth/knowledge", """{"lastFour":"4242","billingZip":"94107"}"""),
        (HttpMethod.Post, "auth/otp", """{"channel":"sms"}"""),
        (HttpMethod.Post, "auth/otp/verify", """{"code":"123456"}"""),
        (HttpMethod.Post, "auth/biometric", """{"assertionId":"a1","callId":"c","accountId":"001","decision":"match","score":0.9}"""),
        (HttpMethod.Get, "dry-run/ledger", null),
    ];

    [Fact]
    public async Task Every_route_answers_400_invalid_call_id_before_any_storage_for_generated_bad_ids()
    {
        await using var host = await CallContractHost.StartAsync(UnreachableStorage);

        // What the host logged starting on storage that is not there (its Durable engine stays off) is not the requests' doing.
        host.Logs.Clear();
        var failures = new List<string>();
        foreach (var id in BadIds(new Random(20261129), 24))
        {
            foreach (var (method, path, body) in Routes)
            {
                var url = "api/calls/" + Uri.EscapeDataString(id) + (path.Length == 0 ? string.Empty : (path.StartsWith('?') ? path : "/" + path));
                using var request = new HttpRequestMessage(method, url);
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                    request.Headers.TryAddWithoutValidation(BiometricSignature.VendorHeaderName, "localvoice");
                    request.Headers.TryAddWithoutValidation(BiometricSignature.HeaderName, "t=1,v1=00");
                }

                using var response = await host.Http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || !text.Contains("urn:connectors:problem:invalid-call-id", StringComparison.Ordinal))
                {
                    failures.Add($"{method} {url} → {(int)response.StatusCode} {text[..Math.Min(120, text.Length)]}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} answers were not 400 invalid-call-id:\n" + string.Join("\n", failures.Take(20)));
        Assert.DoesNotContain(host.Logs.GetSnapshot(), e => e.Level >= LogLevel.Warning && (e.Category ?? string.Empty).StartsWith("Connectors", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("12\n#")]
    [InlineData("1\n2")]
    [InlineData("1 2\t3")]
    public async Task Ivr_digits_with_anything_but_keypad_digits_are_400(string ivrDigits)
    {
        await using var host = await CallContractHost.StartAsync(AzuriteStorage.ConnectionString);
        using var response = await host.Http.PostAsJsonAsync("api/calls/ivr-bad/connect", new { platform = "twilio", ivrDigits });

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "invalid-ivr-digits");
        Assert.Null(await host.Sessions.GetAsync("ivr-bad", CancellationToken.None));
    }

    [Theory]
    [InlineData("a1\n")]
    [InlineData("a1\r\n")]
    [InlineData("a1 ")]
    public async Task A_signed_verdict_whose_assertion_id_is_not_a_whole_id_is_400_and_stores_nothing(string assertionId)
    {
        await using var host = await CallContractHost.StartAsync(AzuriteStorage.ConnectionString);
        (await host.ConnectAsync("bio-bad", Connectors.Simulators.Salesforce.SalesforceSeedData.AlicePhone)).EnsureSuccessStatusCode();
        await host.WaitForFetchAsync("bio-bad");
        var session = await host.Sessions.GetAsync("bio-bad", CancellationToken.None);
        var body = JsonSerializer.SerializeToUtf8Bytes(new BiometricAssertion(assertionId, "bio-bad", session!.SelectedAccountId!, "match", 0.95), ConnectorsJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/calls/bio-bad/auth/biometric") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add(BiometricSignature.VendorHeaderName, "localvoice");
        request.Headers.Add(BiometricSignature.HeaderName, BiometricSignature.Sign("local-fake-biometric-vendor-secret-not-a-secret", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));

        using var response = await host.Http.SendAsync(request);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "invalid-biometric-assertion");
        var after = await host.Sessions.GetAsync("bio-bad", CancellationToken.None);
        Assert.Equal(Connectors.Core.Auth.AssuranceLevel.None, after!.Auth.LevelFor(after.SelectedAccountId));
        Assert.DoesNotContain(host.Logs.GetSnapshot(), e => e.Level >= LogLevel.Error);
    }

    /// <summary>A well-formed id made bad in one way: a trailing newline first of all, then other characters and lengths.</summary>
    internal static IEnumerable<string> BadIds(Random random, int count)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        string[] bad = ["\n", "\r\n", "\r", "\t", " ", "\u0085", "\u2028", "é", "#", "%", "\"", "<", "\\", "/", "+", "=", "*"];
        yield return "abc\n";
        yield return "abc\r\n";
        yield return "CA" + new string('1', 127);
        for (var i = 0; i < count; i++)
        {
            var valid = new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var corruption = bad[random.Next(bad.Length)];
            yield return (i % 3) switch
            {
                0 => valid + corruption,
                1 => corruption + valid,
                _ => valid.Insert(random.Next(valid.Length + 1), corruption),
            };
        }
    }
}
