using Connectors.Core.Storage;

namespace Connectors.Tests.Storage;

/// <summary>
/// The Shared Key signature, checked against values computed outside .NET
/// (<c>openssl dgst -sha256 -mac HMAC</c> with the Azurite key) so the test cannot agree with a wrong implementation.
/// </summary>
public sealed class TableSharedKeyPolicyTests
{
    private static readonly byte[] AzuriteKey = Convert.FromBase64String(StorageConnectionString.DevelopmentAccountKey);

    [Fact]
    public void A_fixed_string_to_sign_gives_the_signature_openssl_computes()
    {
        const string StringToSign = "GET\n\n\nSat, 21 Nov 2026 09:00:00 GMT\n/devstoreaccount1/devstoreaccount1/Tables";

        Assert.Equal("OJSGkBKNWLOMTLzIcgSEFuzft6HTY/wya9N6T4Xdsmw=", TableSharedKeyPolicy.Sign(StringToSign, AzuriteKey));
    }

    [Fact]
    public void The_string_to_sign_is_verb_md5_content_type_date_and_resource_on_their_own_lines()
    {
        var stringToSign = TableSharedKeyPolicy.BuildStringToSign("POST", null, "application/json", "Sat, 21 Nov 2026 09:00:00 GMT", "/devstoreaccount1/devstoreaccount1/Tables");

        Assert.Equal("POST\n\napplication/json\nSat, 21 Nov 2026 09:00:00 GMT\n/devstoreaccount1/devstoreaccount1/Tables", stringToSign);
        Assert.Equal("YU1flhL94bjd2Zv5wrmVHUS/QeTX9vre8bVedncM1eo=", TableSharedKeyPolicy.Sign(stringToSign, AzuriteKey));
    }

    [Theory]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/Tables", "/devstoreaccount1/devstoreaccount1/Tables")]
    [InlineData("https://contoso.table.core.windows.net/Tables", "/contoso/Tables")]
    [InlineData("https://contoso.table.core.windows.net/?restype=service&comp=properties", "/contoso/?comp=properties")]
    [InlineData("https://contoso.table.core.windows.net/Calls()?$filter=PartitionKey%20eq%20'a'&$top=5", "/contoso/Calls()")]
    [InlineData("https://contoso.table.core.windows.net/Calls(PartitionKey='a%20b',RowKey='%E2%82%AC')", "/contoso/Calls(PartitionKey='a%20b',RowKey='%E2%82%AC')")]
    public void The_canonicalized_resource_is_the_account_and_the_escaped_path_plus_comp_only(string url, string expected)
    {
        var account = url.Contains("contoso", StringComparison.Ordinal) ? "contoso" : "devstoreaccount1";

        Assert.Equal(expected, TableSharedKeyPolicy.CanonicalizedResource(account, new Uri(url)));
    }
}
