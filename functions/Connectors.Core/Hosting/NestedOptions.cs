using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.Hosting;

/// <summary>
/// Data annotations do not look inside nested objects; an options class whose property holds another
/// options object (a <c>Resilience</c> section) validates it with this, so its errors name the setting.
/// </summary>
public static class NestedOptions
{
    /// <summary>The nested object's errors, prefixed with its setting <paramref name="path"/> (e.g. <c>Sms:Twilio:Resilience</c>).</summary>
    public static IEnumerable<ValidationResult> Validate(object nested, string path, string memberName)
    {
        ArgumentNullException.ThrowIfNull(nested);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(nested, new ValidationContext(nested), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult($"{path}: {r.ErrorMessage}", r.MemberNames.Select(m => memberName + "." + m).ToList()));
    }
}
