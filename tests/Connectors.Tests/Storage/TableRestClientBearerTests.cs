using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Connectors.Core.Storage;

namespace Connectors.Tests.Storage;

/// <summary>
/// The production path: a table service URI and an Entra credential (a managed identity in Azure). Azure.Core
/// sends bearer tokens only over TLS, so the scripted server listens with a throw-away certificate.
/// </summary>
public sealed class TableRestClientBearerTests : IAsyncLifetime
{
    private readonly X509Certificate2 _certificate = CreateLoopbackCertificate();
    private ScriptedTableServer _server = null!;

    public async Task InitializeAsync() => _server = await ScriptedTableServer.StartAsync(_certificate);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task A_credential_signs_each_request_with_a_token_for_the_storage_scope()
    {
        var credential = new RecordingCredential();
        var client = new TableRestClient(new Uri(_server.TableEndpoint.ToString().Replace("/devstoreaccount1", "/", StringComparison.Ordinal)), credential, TrustingOptions());

        await client.UpsertAsync("Calls", new TableEntity("p", "r"), TableUpdateMode.Merge, CancellationToken.None);
        await client.DeleteAsync("Calls", "p", "r", "*", CancellationToken.None);

        Assert.All(_server.Requests, r => Assert.Equal("Bearer token-1", r.Headers["Authorization"]));
        Assert.Equal(["MERGE", "DELETE"], _server.Requests.Select(r => r.Method).ToArray());
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes.Distinct().ToArray());
        Assert.Equal(1, credential.Calls);
    }

    [Fact]
    public async Task A_token_is_never_sent_over_plain_http()
    {
        var client = new TableRestClient(new Uri("http://127.0.0.1:1/"), new RecordingCredential(), AzuriteFixture.FastOptions());

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => client.GetAsync("Calls", "p", "r", CancellationToken.None));
    }

    private TableRestClientOptions TrustingOptions()
    {
        var options = AzuriteFixture.FastOptions();
        var thumbprint = _certificate.Thumbprint;
#pragma warning disable CA2000 // The transport owns the handler for the client's lifetime.
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint };
#pragma warning restore CA2000
        options.Transport = new HttpClientTransport(handler);
        return options;
    }

    private static X509Certificate2 CreateLoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));

        // Re-imported so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private sealed class RecordingCredential : TokenCredential
    {
        private readonly List<string> _scopes = [];

        public int Calls { get; private set; }

        public IReadOnlyList<string> Scopes => _scopes;

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Calls++;
            _scopes.AddRange(requestContext.Scopes);
            return new AccessToken($"token-{Calls}", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
