using Bugsink.Web.Features.AlertChannels.Messages;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Features.Outbound;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bugsink.Web.Features.AlertChannels;

// "Send test message": one message in the channel's format, sent now (not queued) so the person who
// pressed the button sees the service's answer; logged with the deliveries.
public sealed class ChannelTester(AppDbContext db, ChannelSender sender, IOptions<SiteOptions> site, TimeProvider time)
{
    public async Task<OutboundResult> SendAsync(AlertChannel channel, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == channel.ProjectId).Select(p => new { p.Name, p.Slug }).FirstAsync(cancellationToken);
        var links = new AlertLinks(site.Value.BaseUrl);
        var alert = new ChannelAlert(
            "test", "Test message", $"Alerts of {project.Name} will arrive here.", null, channel.ProjectId, project.Name, project.Slug,
            [], null, null, links.ProjectSettings(channel.ProjectId));
        var deliveryId = "test-" + Guid.NewGuid().ToString("N");
        var result = await sender.SendAsync(channel, ChannelMessage.Compose(channel.Kind, alert), deliveryId, cancellationToken);
        db.Set<ChannelDelivery>().Add(new ChannelDelivery
        {
            ChannelId = channel.Id, DeliveryId = deliveryId, At = time.GetUtcNow(), Attempt = 1,
            Status = result.Status, Succeeded = result.IsSuccess, Error = result.Error is null ? null : result.Error + " (test message)",
        });
        await db.SaveChangesAsync(CancellationToken.None);
        return result;
    }
}
