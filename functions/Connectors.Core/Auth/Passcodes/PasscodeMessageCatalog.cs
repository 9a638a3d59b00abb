using System.Globalization;
using Microsoft.Extensions.Options;

namespace Connectors.Core.Auth.Passcodes;

/// <summary>
/// The localisable plain-text messages: built-in English and Spanish, extended or replaced per culture
/// through <see cref="PasscodeOptions.Templates"/>. A culture resolves exactly, then by its language
/// ("es-MX" → "es"), then to <see cref="PasscodeOptions.DefaultCulture"/>.
/// </summary>
public sealed class PasscodeMessageCatalog
{
    private readonly Dictionary<string, PasscodeTemplate> _templates = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = new PasscodeTemplate
        {
            SmsText = "{sender}: your verification code is {code}. It expires in {minutes} minutes. Use it only on the call you are on now.",
            EmailSubject = "Your {sender} verification code",
            EmailText = "Your verification code is {code}.\n\nIt works once, for the next {minutes} minutes, and only on the call you are on now. If you are not on a call with {sender}, you can ignore this message.",
        },
        ["es"] = new PasscodeTemplate
        {
            SmsText = "{sender}: su código de verificación es {code}. Caduca en {minutes} minutos. Úselo solo en la llamada en curso.",
            EmailSubject = "Su código de verificación de {sender}",
            EmailText = "Su código de verificación es {code}.\n\nSirve una sola vez, durante los próximos {minutes} minutos, y solo en la llamada en curso. Si no está en una llamada con {sender}, puede ignorar este mensaje.",
        },
    };

    private readonly PasscodeOptions _options;

    public PasscodeMessageCatalog(IOptions<PasscodeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        foreach (var (culture, template) in _options.Templates)
        {
            _templates[culture] = template;
        }
    }

    /// <summary>The culture whose template will be used for <paramref name="requested"/>.</summary>
    public string Resolve(string? requested)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var tag = requested.Trim();
            if (_templates.ContainsKey(tag))
            {
                return tag.ToLowerInvariant();
            }

            var language = tag.Split('-', '_')[0];
            if (_templates.ContainsKey(language))
            {
                return language.ToLowerInvariant();
            }
        }

        return _templates.ContainsKey(_options.DefaultCulture) ? _options.DefaultCulture : "en";
    }

    public PasscodeMessage Render(PasscodeChannel channel, string? culture, string code, TimeSpan lifetime)
    {
        var resolved = Resolve(culture);
        var template = _templates[resolved];
        var minutes = ((int)Math.Ceiling(lifetime.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
        string Fill(string text) => text
            .Replace("{sender}", _options.SenderName, StringComparison.Ordinal)
            .Replace("{minutes}", minutes, StringComparison.Ordinal)
            .Replace("{code}", code, StringComparison.Ordinal);

        return channel == PasscodeChannel.Sms
            ? new PasscodeMessage(resolved, null, Fill(template.SmsText))
            : new PasscodeMessage(resolved, Fill(template.EmailSubject), Fill(template.EmailText));
    }
}
