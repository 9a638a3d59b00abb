using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Connectors.Tests.Infrastructure.Arm;

/// <summary>
/// Evaluates a compiled ARM template (what <c>bicep build</c> writes) for given parameters, as Resource Manager
/// would before deploying: parameters and defaults, variables, the template functions Bicep emits (lambdas
/// included), conditions, resource and property loops, and nested deployments (modules) with their outputs.
/// What only Azure knows (an identity's ids, a storage account's endpoints) comes from <see cref="RuntimeProperties"/>
/// as plausible values; anything else it would assign is an <see cref="ArmSymbol"/>. Objects evaluate to
/// case-insensitive dictionaries, arrays to lists, numbers to <see cref="long"/>.
/// </summary>
internal sealed class ArmTemplateEvaluator
{
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000c0de";
    public const string ResourceGroupName = "rg-connectors-test";
    public const string Location = "westeurope";

    private readonly JsonElement _template;
    private readonly string _module;
    private readonly Dictionary<string, object?> _parameters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, object?> _variables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ArmTemplateEvaluator> _modules = new(StringComparer.OrdinalIgnoreCase);

    private ArmTemplateEvaluator(JsonElement template, string module, IReadOnlyDictionary<string, object?> parameters)
    {
        _template = template;
        _module = module;
        var empty = Env.Empty;
        if (template.TryGetProperty("parameters", out var declared))
        {
            foreach (var parameter in declared.EnumerateObject())
            {
                _parameters[parameter.Name] = parameters.TryGetValue(parameter.Name, out var given) ? given
                    : parameter.Value.TryGetProperty("defaultValue", out var fallback) ? Evaluate(fallback, empty)
                    : throw new InvalidOperationException($"{module}: parameter {parameter.Name} has no value and no default.");
            }
        }
    }

    public static string ResourceGroupId => $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroupName}";

    /// <summary>Every resource the template (and its modules) would deploy with <paramref name="parameters"/>; <c>existing</c> references are left out.</summary>
    public static IReadOnlyList<ArmResource> Deploy(JsonElement template, IReadOnlyDictionary<string, object?> parameters)
    {
        var resources = new List<ArmResource>();
        new ArmTemplateEvaluator(template, "main", parameters).Collect(resources);
        return resources;
    }

    /// <summary>A resource group resource id: <c>/subscriptions/…/resourceGroups/…/providers/A.B/x/n1/y/n2</c>.</summary>
    public static string ResourceId(string type, params string[] names) => ResourceGroupId + ProviderPath(type, names);

    public static string SubscriptionResourceId(string type, params string[] names) => $"/subscriptions/{SubscriptionId}" + ProviderPath(type, names);

    private static string ProviderPath(string type, string[] names)
    {
        var segments = type.Split('/');
        var path = new StringBuilder("/providers/").Append(segments[0]);
        for (var i = 1; i < segments.Length; i++)
        {
            path.Append('/').Append(segments[i]).Append('/').Append(i - 1 < names.Length ? names[i - 1] : "?");
        }

        return path.ToString();
    }

    private IEnumerable<(string Symbol, JsonElement Resource)> Resources() =>
        !_template.TryGetProperty("resources", out var resources) ? []
        : resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => (p.Name, p.Value))
        : resources.EnumerateArray().Select(r => (r.GetProperty("name").GetString()!, r));

    private void Collect(List<ArmResource> sink)
    {
        foreach (var (symbol, resource) in Resources())
        {
            if (resource.TryGetProperty("existing", out var existing) && existing.GetBoolean())
            {
                continue;
            }

            foreach (var env in Iterations(resource))
            {
                if (resource.TryGetProperty("condition", out var condition) && !Truthy(Evaluate(condition, env)))
                {
                    continue;
                }

                var type = resource.GetProperty("type").GetString()!;
                if (type == "Microsoft.Resources/deployments")
                {
                    Module(symbol, resource, env).Collect(sink);
                    continue;
                }

                var body = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in resource.EnumerateObject().Where(p => p.Name is not ("copy" or "condition" or "existing" or "dependsOn")))
                {
                    body[property.Name] = Evaluate(property.Value, env);
                }

                var name = Text(body["name"]);
                sink.Add(new ArmResource(_module, type, name, ResourceId(type, name.Split('/')), body));
            }
        }
    }

    private IEnumerable<Env> Iterations(JsonElement resource)
    {
        if (!resource.TryGetProperty("copy", out var copy))
        {
            yield return Env.Empty;
            yield break;
        }

        var count = (long)Evaluate(copy.GetProperty("count"), Env.Empty)!;
        var loop = copy.TryGetProperty("name", out var name) ? name.GetString()! : "";
        for (var i = 0; i < count; i++)
        {
            yield return Env.Empty.WithCopy(loop, i);
        }
    }

    private ArmTemplateEvaluator Module(string symbol, JsonElement resource, Env env)
    {
        if (_modules.TryGetValue(symbol, out var cached))
        {
            return cached;
        }

        var properties = resource.GetProperty("properties");
        var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (properties.TryGetProperty("parameters", out var given))
        {
            foreach (var parameter in given.EnumerateObject())
            {
                parameters[parameter.Name] = Evaluate(parameter.Value.GetProperty("value"), env);
            }
        }

        var module = new ArmTemplateEvaluator(properties.GetProperty("template"), Text(Evaluate(resource.GetProperty("name"), env)), parameters);
        _modules[symbol] = module;
        return module;
    }

    private Dictionary<string, object?> Outputs()
    {
        var outputs = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (!_template.TryGetProperty("outputs", out var declared))
        {
            return outputs;
        }

        foreach (var output in declared.EnumerateObject())
        {
            object? value;
            if (output.Value.TryGetProperty("copy", out var copy))
            {
                var count = (long)Evaluate(copy.GetProperty("count"), Env.Empty)!;
                value = Enumerable.Range(0, (int)count).Select(i => Evaluate(copy.GetProperty("input"), Env.Empty.WithCopy("", i))).ToList();
            }
            else
            {
                value = Evaluate(output.Value.GetProperty("value"), Env.Empty);
            }

            outputs[output.Name] = Map(("value", value));
        }

        return outputs;
    }

    private object? Variable(string name)
    {
        if (_variables.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var variables = _template.GetProperty("variables");
        object? value;
        if (variables.TryGetProperty(name, out var declared))
        {
            value = Evaluate(declared, Env.Empty);
        }
        else
        {
            var loop = variables.GetProperty("copy").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
            var count = (long)Evaluate(loop.GetProperty("count"), Env.Empty)!;
            value = Enumerable.Range(0, (int)count).Select(i => Evaluate(loop.GetProperty("input"), Env.Empty.WithCopy(name, i))).ToList();
        }

        _variables[name] = value;
        return value;
    }

    private object? Evaluate(JsonElement element, Env env)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var text = element.GetString()!;
                return ArmExpression.IsExpression(text) ? Evaluate(ArmExpression.Parse(text), env)
                    : text.StartsWith("[[", StringComparison.Ordinal) ? text[1..] : text;
            case JsonValueKind.Number:
                return element.TryGetInt64(out var whole) ? (object)whole : element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(item => Evaluate(item, env)).ToList();
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "copy" && property.Value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var loop in property.Value.EnumerateArray())
                        {
                            var loopName = loop.GetProperty("name").GetString()!;
                            var count = (long)Evaluate(loop.GetProperty("count"), env)!;
                            map[loopName] = Enumerable.Range(0, (int)count).Select(i => Evaluate(loop.GetProperty("input"), env.WithCopy(loopName, i))).ToList();
                        }
                    }
                    else
                    {
                        map[property.Name] = Evaluate(property.Value, env);
                    }
                }

                return map;
            default:
                return null;
        }
    }

    private object? Evaluate(ArmExpression expression, Env env) => expression switch
    {
        ArmExpression.Literal literal => literal.Value,
        ArmExpression.Member member => MemberOf(Evaluate(member.Target, env), member.Name),
        ArmExpression.Index index => IndexOf(Evaluate(index.Target, env), Evaluate(index.Key, env)),
        ArmExpression.Call call => Call(call, env),
        _ => throw new NotSupportedException(expression.ToString()),
    };

    private object? Call(ArmExpression.Call call, Env env)
    {
        var name = call.Function.ToLowerInvariant();
        switch (name)
        {
            case "lambda":
                return new Lambda(call.Arguments.SkipLast(1).Select(a => Text(Evaluate(a, env))).ToList(), call.Arguments[^1], env);
            case "if":
                return Truthy(Evaluate(call.Arguments[0], env)) ? Evaluate(call.Arguments[1], env) : Evaluate(call.Arguments[2], env);
        }

        var args = call.Arguments.Select(a => Evaluate(a, env)).ToList();
        try
        {
            return Function(name, args, env);
        }
        catch (Exception exception) when (exception is InvalidCastException or NullReferenceException or ArgumentException or IndexOutOfRangeException)
        {
            throw new InvalidOperationException($"{_module}: {call.Function}({string.Join(", ", args.Select(Render))}) failed: {exception.Message}", exception);
        }
    }

    private object? Function(string name, List<object?> args, Env env)
    {
        return name switch
        {
            "true" => true,
            "false" => false,
            "null" => null,
            "parameters" => _parameters.TryGetValue(Text(args[0]), out var value) ? value : throw new KeyNotFoundException($"{_module}: no parameter {args[0]}"),
            "variables" => Variable(Text(args[0])),
            "lambdavariables" => env.Lambda[Text(args[0])],
            "copyindex" => CopyIndex(env, args),
            "format" => string.Format(CultureInfo.InvariantCulture, Text(args[0]), args.Skip(1).Select(Render).ToArray()),
            "concat" => args.All(a => a is List<object?>) ? args.SelectMany(a => (List<object?>)a!).ToList() : string.Concat(args.Select(Render)),
            "union" => args.All(a => a is List<object?>) ? args.SelectMany(a => (List<object?>)a!).Distinct().ToList() : Union(args),
            "createobject" => Map(args.Chunk(2).Select(pair => (Text(pair[0]), pair[1])).ToArray()),
            "createarray" => args,
            "items" => ((IDictionary<string, object?>)args[0]!).Select(p => (object?)Map(("key", p.Key), ("value", p.Value))).ToList(),
            "toobject" => ToObject(args),
            "map" => ((List<object?>)args[0]!).Select(item => Apply(args[1], item)).ToList(),
            "filter" => ((List<object?>)args[0]!).Where(item => Truthy(Apply(args[1], item))).ToList(),
            "range" => Enumerable.Range((int)(long)args[0]!, (int)(long)args[1]!).Select(i => (object?)(long)i).ToList(),
            "length" => (long)(args[0] switch { string s => s.Length, List<object?> l => l.Count, IDictionary<string, object?> d => d.Count, _ => throw new NotSupportedException($"length of {args[0]}") }),
            "empty" => args[0] switch { null => true, string s => s.Length == 0, List<object?> l => l.Count == 0, IDictionary<string, object?> d => d.Count == 0, _ => false },
            "equals" => ArmEquals(args[0], args[1]),
            "not" => !Truthy(args[0]),
            "and" => args.All(Truthy),
            "or" => args.Any(Truthy),
            "take" => args[0] is string s ? s[..Math.Min(s.Length, (int)(long)args[1]!)] : ((List<object?>)args[0]!).Take((int)(long)args[1]!).ToList(),
            "replace" => Text(args[0]).Replace(Text(args[1]), Text(args[2]), StringComparison.Ordinal),
            "max" => args.SelectMany(a => a is List<object?> list ? list : [a]).Max(a => (long)a!),
            "min" => args.SelectMany(a => a is List<object?> list ? list : [a]).Min(a => (long)a!),
            "greater" => (long)args[0]! > (long)args[1]!,
            "less" => (long)args[0]! < (long)args[1]!,
            "tolower" => Text(args[0]).ToLowerInvariant(),
            "toupper" => Text(args[0]).ToUpperInvariant(),
            "string" => Render(args[0]),
            "split" => Text(args[0]).Split(Text(args[1])).Select(part => (object?)part).ToList(),
            "first" => args[0] is string s ? s[..1] : ((List<object?>)args[0]!)[0],
            "last" => args[0] is string s ? s[^1..] : ((List<object?>)args[0]!)[^1],
            "contains" => args[0] switch { string s => s.Contains(Text(args[1]), StringComparison.OrdinalIgnoreCase), List<object?> l => l.Contains(args[1]), IDictionary<string, object?> d => d.ContainsKey(Text(args[1])), _ => false },
            "coalesce" => args.FirstOrDefault(a => a is not null),
            "uniquestring" => UniqueString(args.Select(Render)),
            "guid" => Guid(string.Join("|", args.Select(Render))),
            "subscription" => Map(("id", $"/subscriptions/{SubscriptionId}"), ("subscriptionId", SubscriptionId), ("tenantId", "00000000-0000-0000-0000-0000000000aa")),
            "tenant" => Map(("tenantId", "00000000-0000-0000-0000-0000000000aa")),
            "environment" => Map(("name", "AzureCloud"), ("authentication", Map(("loginEndpoint", "https://login.microsoftonline.com/")))),
            "resourcegroup" => Map(("id", ResourceGroupId), ("name", ResourceGroupName), ("location", Location)),
            "resourceid" => ResourceId(Text(args[^(Names(args) + 1)]), args.TakeLast(Names(args)).Select(Text).ToArray()),
            "subscriptionresourceid" => SubscriptionResourceId(Text(args[^(Names(args) + 1)]), args.TakeLast(Names(args)).Select(Text).ToArray()),
            "extensionresourceid" => Text(args[0]) + ProviderPath(Text(args[1]), args.Skip(2).Select(Text).ToArray()),
            "reference" => Reference(Text(args[0])),
            _ => throw new NotSupportedException($"ARM function {name} is not evaluated here; add it to {nameof(ArmTemplateEvaluator)}."),
        };
    }

    /// <summary>resourceId(type, name1, name2...): the names are the arguments after the (last) type, one per type segment after the provider.</summary>
    private static int Names(List<object?> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is string s && s.Contains('/', StringComparison.Ordinal) && s.Contains('.', StringComparison.Ordinal) && !s.StartsWith('/'))
            {
                return args.Count - i - 1;
            }
        }

        throw new NotSupportedException("resourceId without a type");
    }

    private object? Reference(string target)
    {
        foreach (var (symbol, resource) in Resources())
        {
            var type = resource.GetProperty("type").GetString()!;
            var matches = string.Equals(symbol, target, StringComparison.OrdinalIgnoreCase)
                || target.EndsWith(ProviderPath(type, [symbol]), StringComparison.OrdinalIgnoreCase);
            if (!matches)
            {
                continue;
            }

            if (type == "Microsoft.Resources/deployments")
            {
                return Map(("outputs", Module(symbol, resource, Env.Empty).Outputs()));
            }

            return RuntimeProperties(type, Text(Evaluate(resource.GetProperty("name"), Env.Empty)));
        }

        var (runtimeType, runtimeName) = ParseResourceId(target);
        return RuntimeProperties(runtimeType, runtimeName);
    }

    private static (string Type, string Name) ParseResourceId(string id)
    {
        var providers = id.LastIndexOf("/providers/", StringComparison.OrdinalIgnoreCase);
        var segments = id[(providers + "/providers/".Length)..].Split('/');
        var type = segments[0];
        var names = new List<string>();
        for (var i = 1; i + 1 < segments.Length; i += 2)
        {
            type += "/" + segments[i];
            names.Add(segments[i + 1]);
        }

        return (type, string.Join('/', names));
    }

    /// <summary>A property Azure reports for a deployed resource (e.g. an identity's <c>principalId</c>), as this evaluator plays it.</summary>
    public static object? Runtime(string type, string name, string property) => MemberOf(RuntimeProperties(type, name), property);

    /// <summary>What Azure reports for a deployed resource, where the template reads it; anything else becomes a symbol.</summary>
    private static object RuntimeProperties(string type, string name) => type switch
    {
        "Microsoft.ManagedIdentity/userAssignedIdentities" => new RuntimeObject($"{type}/{name}", Map(("principalId", Guid("principal|" + name)), ("clientId", Guid("client|" + name)), ("tenantId", "00000000-0000-0000-0000-0000000000aa"))),
        "Microsoft.Storage/storageAccounts" => new RuntimeObject($"{type}/{name}", Map(("primaryEndpoints", Map(
            ("blob", $"https://{name}.blob.core.windows.net/"), ("queue", $"https://{name}.queue.core.windows.net/"), ("table", $"https://{name}.table.core.windows.net/"))))),
        "Microsoft.ServiceBus/namespaces" => new RuntimeObject($"{type}/{name}", Map(("serviceBusEndpoint", $"https://{name}.servicebus.windows.net:443/"))),
        "Microsoft.Insights/components" => new RuntimeObject($"{type}/{name}", Map(("ConnectionString", $"InstrumentationKey={Guid("ikey|" + name)};IngestionEndpoint=https://{Location}.in.applicationinsights.azure.com/"))),
        "Microsoft.KeyVault/vaults" => new RuntimeObject($"{type}/{name}", Map(("vaultUri", $"https://{name}.vault.azure.net/"))),
        "Microsoft.Web/sites" => new RuntimeObject($"{type}/{name}", Map(("defaultHostName", $"{name}.azurewebsites.net"))),
        _ => new RuntimeObject($"{type}/{name}", Map()),
    };

    private static object? MemberOf(object? target, string name) => target switch
    {
        RuntimeObject runtime => runtime.Known.TryGetValue(name, out var known) ? known : new ArmSymbol($"{runtime.Description}.{name}"),
        ArmSymbol symbol => new ArmSymbol($"{symbol.Text}.{name}"),
        IDictionary<string, object?> map => map.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"No member {name} in {{{string.Join(", ", map.Keys)}}}"),
        _ => throw new NotSupportedException($"Member {name} of {target}"),
    };

    private static object? IndexOf(object? target, object? key) => target switch
    {
        List<object?> list => list[(int)(long)key!],
        ArmSymbol symbol => new ArmSymbol($"{symbol.Text}[{Render(key)}]"),
        _ => MemberOf(target, Text(key)),
    };

    private static object? CopyIndex(Env env, List<object?> args)
    {
        var loop = args.FirstOrDefault() as string;
        var offset = args.LastOrDefault() as long? ?? 0;
        var index = loop is null ? env.CurrentCopy : env.Copies[loop];
        return index + offset;
    }

    private static Dictionary<string, object?> Union(List<object?> args)
    {
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var map in args.Cast<IDictionary<string, object?>>())
        {
            foreach (var (key, value) in map)
            {
                result[key] = result.TryGetValue(key, out var existing) && existing is IDictionary<string, object?> left && value is IDictionary<string, object?> right
                    ? Union([left, right])
                    : value;
            }
        }

        return result;
    }

    private object? ToObject(List<object?> args)
    {
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in (List<object?>)args[0]!)
        {
            result[Text(Apply(args[1], item))] = args.Count > 2 ? Apply(args[2], item) : item;
        }

        return result;
    }

    private object? Apply(object? function, object? argument)
    {
        var lambda = (Lambda)function!;
        return Evaluate(lambda.Body, lambda.Env.WithLambda(lambda.Parameters[0], argument));
    }

    private static bool Truthy(object? value) => value switch
    {
        bool b => b,
        null => false,
        _ => throw new NotSupportedException($"Not a condition: {value}"),
    };

    private static bool ArmEquals(object? left, object? right) => (left, right) switch
    {
        (string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase),
        _ => object.Equals(left, right),
    };

    public static string Text(object? value) => value as string ?? throw new InvalidCastException($"Expected a string, got {value ?? "null"}");

    public static string Render(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in entries)
        {
            map[key] = value;
        }

        return map;
    }

    private static string Guid(string seed) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes(seed))).ToString();

    private static string UniqueString(IEnumerable<string> parts)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("|", parts)));
        return new string(hash.Take(13).Select(b => alphabet[b % 32]).ToArray());
    }

    private sealed record RuntimeObject(string Description, Dictionary<string, object?> Known);

    private sealed record Lambda(IReadOnlyList<string> Parameters, ArmExpression Body, Env Env);

    private sealed record Env(IReadOnlyDictionary<string, int> Copies, int CurrentCopy, IReadOnlyDictionary<string, object?> Lambda)
    {
        public static Env Empty { get; } = new(new Dictionary<string, int>(), -1, new Dictionary<string, object?>());

        public Env WithCopy(string loop, int index) => this with { Copies = new Dictionary<string, int>(Copies) { [loop] = index }, CurrentCopy = index };

        public Env WithLambda(string name, object? value) => this with { Lambda = new Dictionary<string, object?>(Lambda) { [name] = value } };
    }
}
