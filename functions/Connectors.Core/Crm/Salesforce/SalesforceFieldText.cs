namespace Connectors.Core.Crm.Salesforce;

/// <summary>Fits text into a Salesforce field's length without splitting a surrogate pair.</summary>
internal static class SalesforceFieldText
{
    public static string Truncate(string value, int maxLength)
    {
        if (value.Length <= maxLength)
        {
            return value;
        }

        var cut = char.IsHighSurrogate(value[maxLength - 1]) ? maxLength - 1 : maxLength;
        return value[..cut];
    }
}
