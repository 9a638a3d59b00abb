using Connectors.Core.Storage;

namespace Connectors.Tests.Storage;

public sealed class StorageConnectionStringTests
{
    private const string AzuriteKey = StorageConnectionString.DevelopmentAccountKey;

    [Fact]
    public void Development_storage_is_the_azurite_account_on_port_10002()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal(Convert.FromBase64String(AzuriteKey), parsed.AccountKey);
    }

    [Fact]
    public void An_explicit_table_endpoint_wins_and_loses_its_trailing_slash()
    {
        var parsed = StorageConnectionString.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteKey};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;TableEndpoint=http://127.0.0.1:51234/devstoreaccount1/;");

        Assert.Equal("http://127.0.0.1:51234/devstoreaccount1", parsed.TableEndpoint.ToString());
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=" + AzuriteKey, "https://contoso.table.core.windows.net/")]
    [InlineData("AccountName=contoso;AccountKey=" + AzuriteKey, "https://contoso.table.core.windows.net/")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=" + AzuriteKey + ";EndpointSuffix=core.chinacloudapi.cn", "https://contoso.table.core.chinacloudapi.cn/")]
    [InlineData(" accountname = contoso ; accountkey = " + AzuriteKey + " ; ", "https://contoso.table.core.windows.net/")]
    public void Without_a_table_endpoint_it_is_built_from_protocol_account_and_suffix(string connectionString, string expected)
    {
        Assert.Equal(new Uri(expected), StorageConnectionString.Parse(connectionString).TableEndpoint);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("AccountKey=" + AzuriteKey, "no AccountName")]
    [InlineData("AccountName=contoso", "no AccountKey")]
    [InlineData("AccountName=contoso;AccountKey=***not-base64***", "not valid base64")]
    [InlineData("AccountName=contoso;SharedAccessSignature=sv=2020&sig=abc", "SharedAccessSignature")]
    [InlineData("UseDevelopmentStorage=false", "UseDevelopmentStorage=true")]
    [InlineData("AccountName=contoso;AccountName=other;AccountKey=" + AzuriteKey, "twice")]
    [InlineData("AccountName=contoso;AccountKey=" + AzuriteKey + ";TableEndpoint=not a uri", "TableEndpoint")]
    [InlineData("DefaultEndpointsProtocol=ftp;AccountName=contoso;AccountKey=" + AzuriteKey, "http or https")]
    [InlineData("justtext", "name=value")]
    public void A_connection_string_it_cannot_use_is_refused_with_what_to_fix(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_errors_nor_the_printed_form_repeat_the_key()
    {
        const string secretLooking = "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWxlYWs=";
        var parsed = StorageConnectionString.Parse($"AccountName=contoso;AccountKey={secretLooking}");
        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse($"AccountName=contoso;AccountKey={secretLooking};TableEndpoint=::"));

        Assert.DoesNotContain(secretLooking, parsed.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secretLooking, error.Message, StringComparison.Ordinal);
    }
}
