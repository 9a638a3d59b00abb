using System.Text.Json;
using Connectors.Core.Auth;
using Connectors.Core.Auth.Policy;
using Connectors.Core.Http;

namespace Connectors.Core.Calls;

/// <summary>
/// The wire form of a read: one flat object (platform adapters such as Connect's string map and
/// Studio's parsed JSON read top-level keys), <c>status</c> first, the next step for the flow in
/// <c>action</c>, then the allowed fields by name. A denial is a 403 problem with the step-up hint.
/// </summary>
public static class AccountReadResponse
{
    public const string OfferWarmTransfer = "offer-warm-transfer";
    public const string AskAccountNumber = "ask-account-number";
    public const string Retry = "retry";
    public const string StepUp = "step-up";

    public static IReadOnlyDictionary<string, object?> ToBody(AccountReadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var body = new Dictionary<string, object?>(StringComparer.Ordinal) { ["status"] = StatusCode(result.Status) };
        switch (result.Status)
        {
            case AccountReadStatus.Ok:
                body["asOf"] = result.AsOf;
                body["stale"] = result.Stale;
                foreach (var (name, value) in result.Fields)
                {
                    body[name] = value;
                }

                break;
            case AccountReadStatus.Pending:
                body["action"] = Retry;
                body["reason"] = result.Reason;
                break;
            case AccountReadStatus.Degrade:
                body["action"] = OfferWarmTransfer;
                body["reason"] = result.Reason;
                break;
            case AccountReadStatus.UnknownCaller:
            case AccountReadStatus.Ambiguous:
                body["action"] = AskAccountNumber;
                break;
        }

        return body;
    }

    /// <summary>The 403 of a denied read: the level the action needs and the methods that can reach it.</summary>
    public static ProblemException ToProblem(AccountReadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var gate = result.Gate ?? throw new ArgumentException("A denied read carries the gate's decision.", nameof(result));
        if (gate.Verdict == AccountGateVerdict.UnknownAction)
        {
            return new ProblemException(403, "action-not-permitted", "Action not permitted",
                $"The policy has no action '{InputIdentifiers.Echo(gate.Action)}', so nothing of the account may be read for it.",
                new Dictionary<string, object?> { ["outcome"] = "denied" });
        }

        var methods = gate.MethodsToReach.Select(Wire).ToList();
        return new ProblemException(403, "step-up-required", "Step-up required",
            $"Reading for '{InputIdentifiers.Echo(gate.Action)}' needs {Wire(gate.RequiredLevel)} assurance for the selected account; it has {Wire(gate.LevelReached)}. Pass one of: {string.Join(", ", methods)}.",
            new Dictionary<string, object?>
            {
                ["outcome"] = "denied",
                ["action"] = StepUp,
                ["requiredLevel"] = Wire(gate.RequiredLevel),
                ["levelReached"] = Wire(gate.LevelReached),
                ["methods"] = methods,
            });
    }

    public static string StatusCode(AccountReadStatus status) => status switch
    {
        AccountReadStatus.UnknownCaller => "unknown-caller",
        _ => Wire(status),
    };

    private static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
