using System.ComponentModel.DataAnnotations;

namespace Connectors.Core.Crm;

/// <summary>Which CRM this deployment talks to.</summary>
public sealed class CrmOptions
{
    public const string SectionName = "Crm";

    /// <summary><c>Salesforce</c> or <c>Zendesk</c>. Default: Salesforce. Only the chosen CRM's section must be configured.</summary>
    [EnumDataType(typeof(CrmKind))]
    public CrmKind Provider { get; set; } = CrmKind.Salesforce;
}
