using Connectors.Core.Crm;

namespace Connectors.Core.Calls;

/// <summary>An account snapshot as fetched, with when: reads say "as of" this time.</summary>
public sealed record CachedAccount(AccountSnapshot Snapshot, DateTimeOffset FetchedAt);
