using System.Security.Cryptography;
using System.Text;
using Connectors.Core.Channels.Twilio;

namespace Connectors.Tests.Channels;

public sealed class TwilioSignatureValidatorTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string Expected = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    private static readonly KeyValuePair<string, string>[] Published =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+12349013030"),
        new("Digits", "1234"),
        new("From", "+12349013030"),
        new("To", "+18005551212"),
    ];

    [Fact]
    public void Twilios_published_example_validates()
    {
        Assert.Equal(Expected, TwilioSignatureValidator.Sign(Token, Url, Published));
        Assert.True(TwilioSignatureValidator.IsValidForm(Token, Url, Published, Expected));
    }

    [Fact]
    public void The_order_parameters_arrive_in_does_not_matter()
    {
        Assert.True(TwilioSignatureValidator.IsValidForm(Token, Url, [.. Published.Reverse()], Expected));
    }

    [Fact]
    public void A_one_character_change_anywhere_fails()
    {
        for (var i = 0; i < Published.Length; i++)
        {
            foreach (var changeName in new[] { false, true })
            {
                var changed = Published.ToArray();
                var (name, value) = changed[i];
                changed[i] = changeName ? new(name + "x", value) : new(name, value[..^1] + (value[^1] == '1' ? '2' : '1'));
                Assert.False(TwilioSignatureValidator.IsValidForm(Token, Url, changed, Expected), $"{(changeName ? "name" : "value")} of {name}");
            }
        }

        Assert.False(TwilioSignatureValidator.IsValidForm(Token, Url.Replace("foo=1", "foo=2", StringComparison.Ordinal), Published, Expected));
        Assert.False(TwilioSignatureValidator.IsValidForm(Token, Url, Published, "1" + Expected[1..]));
        Assert.False(TwilioSignatureValidator.IsValidForm("12346", Url, Published, Expected));
        Assert.False(TwilioSignatureValidator.IsValidForm(Token, Url, Published, null));
        Assert.False(TwilioSignatureValidator.IsValidForm(string.Empty, Url, Published, Expected));
    }

    [Fact]
    public void A_url_signed_with_or_without_the_default_port_validates_either_way()
    {
        var withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
        Assert.True(TwilioSignatureValidator.IsValidForm(Token, withPort, Published, Expected));
        Assert.True(TwilioSignatureValidator.IsValidForm(Token, Url, Published, TwilioSignatureValidator.Sign(Token, withPort, Published)));
        // As in Twilio's validator: a port is dropped when trying the alternatives, but only the default one is ever added.
        Assert.False(TwilioSignatureValidator.IsValidForm(Token, Url, Published, TwilioSignatureValidator.Sign(Token, "https://mycompany.com:8443/myapp.php?foo=1&bar=2", Published)));
    }

    [Fact]
    public void A_json_body_validates_through_its_hash_in_the_url_and_fails_when_the_body_changes()
    {
        var body = Encoding.UTF8.GetBytes("""{"CallSid":"CA1234567890ABCDE","action":"read"}""");
        var url = "https://mycompany.com/api/channels/twilio/read?bodySHA256=" + Convert.ToHexStringLower(SHA256.HashData(body));
        var signature = TwilioSignatureValidator.Sign(Token, url, []);

        Assert.True(TwilioSignatureValidator.IsValidBody(Token, url, body, signature));
        var changed = body.ToArray();
        changed[^3] ^= 1;
        Assert.False(TwilioSignatureValidator.IsValidBody(Token, url, changed, signature));
        Assert.False(TwilioSignatureValidator.IsValidBody(Token, "https://mycompany.com/api/channels/twilio/read", body, TwilioSignatureValidator.Sign(Token, "https://mycompany.com/api/channels/twilio/read", [])));
    }
}
