namespace Connectors.Core.Crm.Zendesk;

/// <summary>
/// A call has one Zendesk ticket, whichever of its writes comes first (the transfer's, a voice ticket, the wrap-up's
/// disposition). Every write finds it by this key as <c>external_id</c>, and a create sends it as the
/// <c>Idempotency-Key</c>, so two writes racing to create the ticket make one: the loser is refused with
/// IdempotentRequestError (its body differs) and updates the winner's ticket instead.
/// </summary>
public static class ZendeskCallTicket
{
    /// <summary>
    /// The ticket carries the key of the call's final write, <c>disposition</c>: tickets written before calls had
    /// one ticket (one per write) are still found by the disposition, and the disposition's key is the ticket's.
    /// </summary>
    public const string KeyWriteName = "disposition";

    public static string KeyFor(string callKey) => IdempotencyKey.For(callKey, KeyWriteName);
}
