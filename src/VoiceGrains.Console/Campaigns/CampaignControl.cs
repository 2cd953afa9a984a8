using VoiceGrains.Contracts.Campaigns;
using VoiceGrains.Data.Campaigns;
using VoiceGrains.Operators;

namespace VoiceGrains.Console.Campaigns;

/// <summary>
/// Starting, pausing, resuming and cancelling a campaign for an operator, the one way the API and the console's page
/// do it: audited first, then asked of the campaign's grain (the only writer of a running campaign).
/// </summary>
public sealed class CampaignControl(IGrainFactory grains, CampaignRepository campaigns, AuditLog audit)
{
    public static readonly IReadOnlyList<string> Actions = ["start", "pause", "resume", "cancel"];

    /// <summary>The campaign's progress after the change; null when there is no such campaign.</summary>
    /// <exception cref="InvalidCampaignTransitionException">The campaign's status does not allow it; the message says why.</exception>
    public async Task<CampaignProgress?> ChangeAsync(long id, string action, string operatorId, CancellationToken cancellationToken)
    {
        if (!Actions.Contains(action))
        {
            throw new ArgumentException($"'{action}' is not one of {string.Join(", ", Actions)}.", nameof(action));
        }
        if (await campaigns.GetAsync(id, cancellationToken) is null)
        {
            return null;
        }
        await audit.WriteAsync(operatorId, AuditLog.ChangedCampaign, null, $"{action} {id}", cancellationToken);
        var campaign = grains.GetGrain<ICampaignGrain>(id);
        await (action switch
        {
            "start" => campaign.StartAsync(),
            "pause" => campaign.PauseAsync(),
            "resume" => campaign.ResumeAsync(),
            _ => campaign.CancelAsync(),
        });
        return await campaigns.ProgressAsync(id, cancellationToken);
    }
}
