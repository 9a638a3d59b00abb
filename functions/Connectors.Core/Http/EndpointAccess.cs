namespace Connectors.Core.Http;

/// <summary>
/// Who may call an endpoint: the Functions app's authorization level, decided here so both hosts and the check of
/// the generated <c>functions.metadata</c> read one rule. Health is anonymous (probes and load balancers carry no
/// key); a platform webhook that proves itself with its own signature is anonymous (the platform cannot send a
/// function key); the agent link's routes are anonymous (the link's token is the capability); every other endpoint
/// needs a function key.
/// </summary>
public enum EndpointAccess
{
    /// <summary>No key: health, platform webhooks verified by their own signature, and the agent link (its token is the capability).</summary>
    Anonymous,

    /// <summary>A function key (<c>x-functions-key</c>); the default.</summary>
    Function,
}
