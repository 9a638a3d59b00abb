using Connectors.Tests.WrapUp;

namespace Connectors.Tests.Signals;

/// <summary>What an operator does with a parked wrap-up once the CRM is back: replay it while it is parked (the CRM's circuit may still be open at the first replay) until it is recorded.</summary>
internal static class ParkedReplay
{
    public static async Task UntilRecordedAsync(WrapUpRig rig, string callId, TimeSpan patience)
    {
        // Each replay gets a moment to take the wrap-up off the parked list before the next is sent.
        var lastReplay = DateTimeOffset.MinValue;
        await Wait.UntilAsync(
            async () =>
            {
                var state = (await rig.WrapUpAsync(callId))?.GetProperty("state").GetString();
                if (state == "parked" && DateTimeOffset.UtcNow - lastReplay > TimeSpan.FromSeconds(2))
                {
                    lastReplay = DateTimeOffset.UtcNow;
                    using var replay = await rig.Http.PostAsync($"api/wrapups/{callId}/replay", null);
                }

                return state == "recorded";
            },
            $"the wrap-up of {callId} to be replayed until recorded",
            patience);
    }
}
