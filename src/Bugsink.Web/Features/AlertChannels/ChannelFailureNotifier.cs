using Bugsink.Web.Features.Accounts;
using Bugsink.Web.Features.Alerts;
using Bugsink.Web.Infrastructure.Configuration;
using Bugsink.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Bugsink.Web.Features.AlertChannels;

// Tells a project's team admins by email that one of its channels was switched off. Without SMTP (or
// admins) the settings page still shows why the channel is off; the mail is a courtesy, not the record.
public sealed partial class ChannelFailureNotifier(AppDbContext db, SmtpEmailSender smtp, IOptions<SiteOptions> site, ILogger<ChannelFailureNotifier> logger)
{
    public async Task NotifyAsync(AlertChannel channel, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == channel.ProjectId).Select(p => new { p.Name, p.TeamId }).FirstOrDefaultAsync(cancellationToken);
        if (project is null || !smtp.IsConfigured)
        {
            return;
        }

        var admins = await db.TeamMemberships.AsNoTracking()
            .Where(m => m.TeamId == project.TeamId && m.Role == TeamRole.Admin && m.User!.Email != null)
            .Select(m => m.User!.Email!)
            .ToListAsync(cancellationToken);
        var settings = new AlertLinks(site.Value.BaseUrl).ProjectSettings(channel.ProjectId).TrimEnd('/') + "/channels/";
        foreach (var admin in admins)
        {
            var message = new MimeMessage { Subject = $"Alert channel {OneLine(channel.Name)} of {OneLine(project.Name)} was switched off" };
            message.From.Add(smtp.From);
            message.To.Add(MailboxAddress.Parse(admin));
            message.Body = new TextPart("plain")
            {
                Text = $"Every delivery to the alert channel \"{OneLine(channel.Name)}\" ({channel.UrlHint}) failed for 24 hours, so Bugsink switched it off.\n\n"
                    + $"{channel.DisabledReason}\n\nFix the receiving side, then switch the channel on again: {settings}\n",
            };
            try
            {
                await smtp.SendAsync(message, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogNotSent(exception, channel.Id, admin);
            }
        }
    }

    private static string OneLine(string text) => string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {ChannelId} switched off; telling {Recipient} failed")]
    private partial void LogNotSent(Exception exception, long channelId, string recipient);
}
