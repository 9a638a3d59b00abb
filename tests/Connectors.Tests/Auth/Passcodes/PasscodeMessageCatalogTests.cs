using Connectors.Core.Auth.Passcodes;
using Microsoft.Extensions.Options;

namespace Connectors.Tests.Auth.Passcodes;

public sealed class PasscodeMessageCatalogTests
{
    private static PasscodeMessageCatalog Catalog(Action<PasscodeOptions>? configure = null)
    {
        var options = new PasscodeOptions { SenderName = "Acme Bank" };
        configure?.Invoke(options);
        return new PasscodeMessageCatalog(Options.Create(options));
    }

    [Fact]
    public void The_sms_carries_the_code_the_sender_and_the_lifetime()
    {
        var message = Catalog().Render(PasscodeChannel.Sms, "en", "012345", TimeSpan.FromMinutes(5));

        Assert.Null(message.Subject);
        Assert.Contains("012345", message.Text, StringComparison.Ordinal);
        Assert.Contains("Acme Bank", message.Text, StringComparison.Ordinal);
        Assert.Contains("5 minutes", message.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("es", "es")]
    [InlineData("es-MX", "es")]
    [InlineData("ES", "es")]
    [InlineData("fr", "en")]
    [InlineData(null, "en")]
    public void A_culture_resolves_exactly_then_by_language_then_to_the_default(string? requested, string resolved) =>
        Assert.Equal(resolved, Catalog().Resolve(requested));

    [Fact]
    public void Spanish_email_has_a_spanish_subject_without_the_code()
    {
        var message = Catalog().Render(PasscodeChannel.Email, "es-MX", "987654", TimeSpan.FromMinutes(10));

        Assert.Equal("es", message.Culture);
        Assert.Equal("Su código de verificación de Acme Bank", message.Subject);
        Assert.DoesNotContain("987654", message.Subject!, StringComparison.Ordinal);
        Assert.Contains("987654", message.Text, StringComparison.Ordinal);
        Assert.Contains("10 minutos", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_culture_adds_a_language()
    {
        var catalog = Catalog(o => o.Templates["fr"] = new PasscodeTemplate
        {
            SmsText = "{sender} : votre code est {code}.",
            EmailSubject = "Votre code {sender}",
            EmailText = "Votre code est {code}.",
        });

        Assert.Equal("Acme Bank : votre code est 111222.", catalog.Render(PasscodeChannel.Sms, "fr-CA", "111222", TimeSpan.FromMinutes(5)).Text);
    }

    [Fact]
    public void A_template_without_the_code_or_with_the_code_in_the_subject_fails_validation()
    {
        var options = new PasscodeOptions();
        options.Templates["xx"] = new PasscodeTemplate { SmsText = "no code here", EmailSubject = "{code}", EmailText = "{code}" };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.ErrorMessage!.Contains("SmsText must contain", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.ErrorMessage!.Contains("must not carry the code", StringComparison.Ordinal));
    }
}
