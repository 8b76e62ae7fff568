using Dce.Insight.Infrastructure;
using Dce.Insight.Alerting.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Alerting;

/// <summary>Writes the rule files from the database at start and periodically, so a replica's vmalert follows changes made through any replica.</summary>
internal sealed class RuleFilesSync(IServiceScopeFactory scopes, RuleFiles files, IOptions<AlertingOptions> options, ILogger<RuleFilesSync> logger) : BackgroundService
{
    public static async Task WriteAllAsync(InsightDbContext db, RuleFiles files, CancellationToken cancellationToken)
    {
        var groups = await db.Set<AlertGroup>().AsNoTracking().Include(g => g.Rules).ToListAsync(cancellationToken);
        await files.WriteAsync(groups, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RulesFolder is not { Length: > 0 })
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RulesSyncInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await WriteAllAsync(scope.ServiceProvider.GetRequiredService<InsightDbContext>(), files, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not write the alert rule files");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
