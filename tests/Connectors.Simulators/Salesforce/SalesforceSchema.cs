namespace Connectors.Simulators.Salesforce;

/// <summary>
/// The objects of the simulated org: standard Account, Contact, Case and Task (with Task's call fields),
/// the custom fields the connector is configured for, and a custom note object. Task carries two
/// external-id fields: <c>CallLog_Key__c</c> (Unique, as the connector needs) and <c>Legacy_Call_Id__c</c>
/// (not Unique, so several records can share a value and an upsert by it answers 300).
/// </summary>
public sealed class SalesforceSchema
{
    private readonly Dictionary<string, SalesforceObjectType> _types;

    public SalesforceSchema()
    {
        var system = new[]
        {
            new SalesforceField("Id", SalesforceFieldKind.Id) { ReadOnly = true },
            new SalesforceField("CreatedDate", SalesforceFieldKind.DateTime) { ReadOnly = true },
            new SalesforceField("LastModifiedDate", SalesforceFieldKind.DateTime) { ReadOnly = true },
        };

        var types = new[]
        {
            new SalesforceObjectType("Account", "001", system.Concat(
            [
                new SalesforceField("Name", SalesforceFieldKind.Text),
                new SalesforceField("Phone", SalesforceFieldKind.Phone),
                new SalesforceField("Account_Number__c", SalesforceFieldKind.Text),
                new SalesforceField("Balance__c", SalesforceFieldKind.Number),
                new SalesforceField("CurrencyIsoCode", SalesforceFieldKind.Text),
                new SalesforceField("Card_Last_Four__c", SalesforceFieldKind.Text),
                new SalesforceField("BillingPostalCode", SalesforceFieldKind.Text),
            ]), new Dictionary<string, (string, string)>
            {
                ["Contacts"] = ("Contact", "AccountId"),
                ["Cases"] = ("Case", "AccountId"),
                ["Tasks"] = ("Task", "WhatId"),
            }),
            new SalesforceObjectType("Contact", "003", system.Concat(
            [
                new SalesforceField("AccountId", SalesforceFieldKind.Reference) { Relationship = "Account", ReferenceTo = "Account" },
                new SalesforceField("FirstName", SalesforceFieldKind.Text),
                new SalesforceField("LastName", SalesforceFieldKind.Text),
                new SalesforceField("Name", SalesforceFieldKind.Text) { ReadOnly = true },
                new SalesforceField("Phone", SalesforceFieldKind.Phone),
                new SalesforceField("MobilePhone", SalesforceFieldKind.Phone),
                new SalesforceField("HomePhone", SalesforceFieldKind.Phone),
                new SalesforceField("Email", SalesforceFieldKind.Email),
                new SalesforceField("Birthdate", SalesforceFieldKind.Date),
            ])),
            new SalesforceObjectType("Case", "500", system.Concat(
            [
                new SalesforceField("CaseNumber", SalesforceFieldKind.Text) { ReadOnly = true },
                new SalesforceField("AccountId", SalesforceFieldKind.Reference) { Relationship = "Account", ReferenceTo = "Account" },
                new SalesforceField("ContactId", SalesforceFieldKind.Reference) { Relationship = "Contact", ReferenceTo = "Contact" },
                new SalesforceField("Subject", SalesforceFieldKind.Text),
                new SalesforceField("Status", SalesforceFieldKind.Text),
                new SalesforceField("Origin", SalesforceFieldKind.Text),
                new SalesforceField("IsClosed", SalesforceFieldKind.Boolean) { ReadOnly = true },
            ])),
            new SalesforceObjectType("Task", "00T", system.Concat(
            [
                new SalesforceField("WhoId", SalesforceFieldKind.Reference),
                new SalesforceField("WhatId", SalesforceFieldKind.Reference),
                new SalesforceField("Subject", SalesforceFieldKind.Text),
                new SalesforceField("Status", SalesforceFieldKind.Text),
                new SalesforceField("TaskSubtype", SalesforceFieldKind.Text) { CreateOnly = true },
                new SalesforceField("CallType", SalesforceFieldKind.Text),
                new SalesforceField("CallDisposition", SalesforceFieldKind.Text),
                new SalesforceField("CallObject", SalesforceFieldKind.Text),
                new SalesforceField("CallDurationInSeconds", SalesforceFieldKind.Number),
                new SalesforceField("Description", SalesforceFieldKind.Text),
                new SalesforceField("ActivityDate", SalesforceFieldKind.Date),
                new SalesforceField("CallLog_Key__c", SalesforceFieldKind.Text) { ExternalId = true, Unique = true },
                new SalesforceField("Legacy_Call_Id__c", SalesforceFieldKind.Text) { ExternalId = true },
            ])),
            new SalesforceObjectType("Call_Note__c", "a0N", system.Concat(
            [
                new SalesforceField("Name", SalesforceFieldKind.Text),
                new SalesforceField("Note_Key__c", SalesforceFieldKind.Text) { ExternalId = true, Unique = true },
                new SalesforceField("Related_Record_Id__c", SalesforceFieldKind.Text),
                new SalesforceField("Body__c", SalesforceFieldKind.Text),
            ])),
        };
        _types = types.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
    }

    public SalesforceObjectType? Type(string name) => _types.GetValueOrDefault(name);

    public IEnumerable<SalesforceObjectType> Types => _types.Values;

    /// <summary>The object a record id belongs to, by its key prefix.</summary>
    public SalesforceObjectType? TypeOfId(string id) =>
        id.Length >= 3 ? _types.Values.FirstOrDefault(t => id.StartsWith(t.KeyPrefix, StringComparison.Ordinal)) : null;
}
