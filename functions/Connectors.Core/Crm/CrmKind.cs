namespace Connectors.Core.Crm;

public enum CrmKind
{
    Salesforce,
    Zendesk,
}
