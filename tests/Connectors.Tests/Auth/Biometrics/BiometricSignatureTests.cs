using System.Text;
using Connectors.Core.Auth.Biometrics;

namespace Connectors.Tests.Auth.Biometrics;

public sealed class BiometricSignatureTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void Signed_bodies_verify_and_every_tampered_variant_is_refused()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 400; i++)
        {
            var secret = RandomText(random, random.Next(32, 80));
            var body = new byte[random.Next(1, 600)];
            random.NextBytes(body);
            var t = Now.ToUnixTimeSeconds() + random.Next(-290, 291);
            var header = BiometricSignature.Sign(secret, t, body);
            var v1 = header[(header.IndexOf("v1=", StringComparison.Ordinal) + 3)..];

            Assert.Equal(BiometricSignatureCheck.Valid, Check(header, body, secret));
            Assert.Equal(BiometricSignatureCheck.Valid, Check(header.ToUpperInvariant().Replace("T=", "t=", StringComparison.Ordinal).Replace("V1=", "v1=", StringComparison.Ordinal), body, secret));

            var flipped = (byte[])body.Clone();
            flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
            Assert.Equal(BiometricSignatureCheck.Mismatch, Check(header, flipped, secret));
            Assert.Equal(BiometricSignatureCheck.Mismatch, Check(header, [.. body, (byte)random.Next(256)], secret));
            Assert.Equal(BiometricSignatureCheck.Mismatch, Check(header, body.AsSpan(0, body.Length - 1).ToArray(), secret));

            var otherSecret = secret[..^1] + (secret[^1] == 'a' ? 'b' : 'a');
            Assert.Equal(BiometricSignatureCheck.Mismatch, Check(header, body, otherSecret));

            Assert.Equal(BiometricSignatureCheck.Mismatch, Check($"t={t + 1},v1={v1}", body, secret));

            var position = random.Next(v1.Length);
            var otherHex = v1[..position] + (v1[position] == '0' ? '1' : '0') + v1[(position + 1)..];
            Assert.Equal(BiometricSignatureCheck.Mismatch, Check($"t={t},v1={otherHex}", body, secret));
            Assert.Equal(BiometricSignatureCheck.Malformed, Check($"t={t},v1={v1[..^2]}", body, secret));
            Assert.Equal(BiometricSignatureCheck.Malformed, Check($"v1={v1}", body, secret));
            Assert.Equal(BiometricSignatureCheck.Malformed, Check($"t={t}", body, secret));
            Assert.Equal(BiometricSignatureCheck.Malformed, Check(null, body, secret));

            var old = Now.ToUnixTimeSeconds() - 301 - random.Next(0, 100_000);
            Assert.Equal(BiometricSignatureCheck.Stale, Check(BiometricSignature.Sign(secret, old, body), body, secret));
            var future = Now.ToUnixTimeSeconds() + 301 + random.Next(0, 100_000);
            Assert.Equal(BiometricSignatureCheck.Stale, Check(BiometricSignature.Sign(secret, future, body), body, secret));
        }
    }

    [Fact]
    public void One_matching_signature_among_several_is_enough_while_a_vendor_rotates_its_secret()
    {
        var body = Encoding.UTF8.GetBytes("{\"assertionId\":\"a1\"}");
        var t = Now.ToUnixTimeSeconds();
        var oldSecret = new string('o', 40);
        var newSecret = new string('n', 40);
        var withOld = BiometricSignature.Sign(oldSecret, t, body);
        var withNew = BiometricSignature.Sign(newSecret, t, body);

        var both = withOld + "," + withNew[withNew.IndexOf("v1=", StringComparison.Ordinal)..];

        Assert.Equal(BiometricSignatureCheck.Valid, Check(both, body, newSecret));
        Assert.Equal(BiometricSignatureCheck.Valid, Check(both, body, oldSecret));
        Assert.Equal(BiometricSignatureCheck.Mismatch, Check(both, body, new string('x', 40)));
    }

    [Fact]
    public void The_tolerance_holds_exactly_at_its_edges()
    {
        var body = "{}"u8.ToArray();
        var secret = new string('s', 40);
        var edge = (long)Tolerance.TotalSeconds;

        Assert.Equal(BiometricSignatureCheck.Valid, Check(BiometricSignature.Sign(secret, Now.ToUnixTimeSeconds() - edge, body), body, secret));
        Assert.Equal(BiometricSignatureCheck.Valid, Check(BiometricSignature.Sign(secret, Now.ToUnixTimeSeconds() + edge, body), body, secret));
        Assert.Equal(BiometricSignatureCheck.Stale, Check(BiometricSignature.Sign(secret, Now.ToUnixTimeSeconds() - edge - 1, body), body, secret));
    }

    private static BiometricSignatureCheck Check(string? header, byte[] body, string secret) =>
        BiometricSignature.Validate(header, body, secret, Now, Tolerance);

    private static string RandomText(Random random, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_!$%é";
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }
}
