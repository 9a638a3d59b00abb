using System.Text.Json.Nodes;

namespace Connectors.Simulators.Salesforce;

/// <summary>Runs a parsed <see cref="SoqlQuery"/> over the org's records (the caller holds the org's gate).</summary>
internal static class SoqlExecutor
{
    public static List<JsonObject> Execute(SalesforceOrg org, SoqlQuery query, string version)
    {
        var type = org.Schema.Type(query.From)
            ?? throw new SalesforceApiException(400, "INVALID_TYPE",
                $"sObject type '{query.From}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.");
        return Run(org, type, query, org.RowsLocked(type.Name), version);
    }

    private static List<JsonObject> Run(SalesforceOrg org, SalesforceObjectType type, SoqlQuery query, IEnumerable<SalesforceRecord> rows, string version)
    {
        var conditions = query.Where.Select(c => (Field: OwnField(type, c.Field), c.Negated, c.Value)).ToList();
        var order = query.OrderBy is { } o ? (Field: OwnField(type, o.Field), o.Descending) : default;
        foreach (var item in query.Select.Where(i => i.Field is not null))
        {
            _ = Resolve(org, type, item.Field!);
        }

        var matched = rows.Where(r => conditions.All(c => SalesforceValues.SoqlEquals(r[c.Field.Name], c.Value) != c.Negated));
        if (order.Field is not null)
        {
            matched = order.Descending
                ? matched.OrderByDescending(r => r[order.Field.Name], Comparer<object?>.Create(SalesforceValues.Compare))
                : matched.OrderBy(r => r[order.Field.Name], Comparer<object?>.Create(SalesforceValues.Compare));
        }

        if (query.Limit is { } limit)
        {
            matched = matched.Take(limit);
        }

        return matched.Select(r => Project(org, type, r, query.Select, version)).ToList();
    }

    public static JsonObject Project(SalesforceOrg org, SalesforceObjectType type, SalesforceRecord record, IReadOnlyList<SoqlSelectItem> select, string version)
    {
        var json = new JsonObject { ["attributes"] = Attributes(record, version) };
        foreach (var item in select)
        {
            if (item.Subquery is { } sub)
            {
                if (!type.Children.TryGetValue(sub.From, out var child))
                {
                    throw new SalesforceApiException(400, "INVALID_TYPE", $"Didn't understand relationship '{sub.From}' in FROM part of query call.");
                }

                var childType = org.Schema.Type(child.ChildObject)!;
                var rows = org.RowsLocked(childType.Name).Where(r => string.Equals(r.Text(child.ForeignKey), record.Id, StringComparison.Ordinal));
                var found = Run(org, childType, sub, rows, version);
                json[type.Children.Keys.First(k => k.Equals(sub.From, StringComparison.OrdinalIgnoreCase))] = found.Count == 0
                    ? null
                    : new JsonObject { ["totalSize"] = found.Count, ["done"] = true, ["records"] = new JsonArray(found.ToArray<JsonNode?>()) };
                continue;
            }

            var (relationship, field, _) = Resolve(org, type, item.Field!);
            if (relationship is null)
            {
                json[field.Name] = SalesforceValues.ToJson(record[field.Name]);
                continue;
            }

            var parentId = record.Text(relationship.Name);
            var parent = parentId is null ? null : org.FindLocked(parentId);
            if (parent is null)
            {
                json[relationship.Relationship!] = null;
                continue;
            }

            if (json[relationship.Relationship!] is not JsonObject nested)
            {
                nested = new JsonObject { ["attributes"] = Attributes(parent, version) };
                json[relationship.Relationship!] = nested;
            }

            nested[field.Name] = SalesforceValues.ToJson(parent[field.Name]);
        }

        return json;
    }

    public static JsonObject Attributes(SalesforceRecord record, string version) => new()
    {
        ["type"] = record.Type,
        ["url"] = $"/services/data/{version}/sobjects/{record.Type}/{record.Id}",
    };

    /// <summary>A field of the object, or a parent's field through its relationship (<c>Account.Name</c>).</summary>
    public static (SalesforceField? Relationship, SalesforceField Field, SalesforceObjectType Type) Resolve(SalesforceOrg org, SalesforceObjectType type, string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return (null, OwnField(type, path), type);
        }

        var relationship = type.ParentRelationship(path[..dot])
            ?? throw new SalesforceApiException(400, "INVALID_FIELD", $"Didn't understand relationship '{path[..dot]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.");
        var parentType = org.Schema.Type(relationship.ReferenceTo!)!;
        return (relationship, OwnField(parentType, path[(dot + 1)..]), parentType);
    }

    private static SalesforceField OwnField(SalesforceObjectType type, string name) =>
        name.Contains('.', StringComparison.Ordinal)
            ? throw SalesforceApiException.MalformedQuery("the simulator filters and orders on the object's own fields only")
            : type.Field(name) ?? throw new SalesforceApiException(400, "INVALID_FIELD",
                $"No such column '{name}' on entity '{type.Name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.", name);
}
