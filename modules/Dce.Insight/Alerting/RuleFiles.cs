using System.Text.Json;
using Dce.Insight.Alerting.Model;
using Dce.Insight.Metrics;
using Dce.Insight.Resources;
using Dce.Platform.Contracts.Authorization;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Alerting;

/// <summary>
/// Writes every group as one vmalert rule file (JSON, which is YAML) into the rules folder, each file replaced atomically,
/// files of deleted groups removed, then asks vmalert to reload. Every replica writes the same files from the same rows,
/// so writing again changes nothing. Each group carries its target as <c>extra_filters[]</c>, which the engine applies to
/// every series the rule reads, so no PromQL can read outside its cluster or namespace. One more file holds the overview's
/// recording rules, whose results vmalert writes back through its remote write.
/// </summary>
public sealed class RuleFiles(IOptions<AlertingOptions> options, IHttpClientFactory clients, ILogger<RuleFiles> logger)
{
    public const string HttpClientName = "vmalert";
    public const string GroupIdLabel = "dce_group_id";
    public const string GroupNameLabel = "dce_group";
    private static readonly SemaphoreSlim Writing = new(1, 1);

    /// <summary>Writes the files of <paramref name="groups"/> (all groups there are) and reloads vmalert when any changed.</summary>
    public async Task WriteAsync(IReadOnlyList<AlertGroup> groups, CancellationToken cancellationToken)
    {
        if (options.Value.RulesFolder is not { Length: > 0 } folder)
        {
            return;
        }

        await Writing.WaitAsync(cancellationToken);
        bool changed;
        try
        {
            changed = Write(folder, groups);
        }
        finally
        {
            Writing.Release();
        }

        if (changed)
        {
            await ReloadAsync(cancellationToken);
        }
    }

    /// <summary>The rule file of one group, as vmalert reads it.</summary>
    public string Render(AlertGroup group)
    {
        var selectors = ScopeFilters.For(new ClusterScope(true, [], []), group.ClusterName, group.Namespace) ?? [];
        var rules = group.Rules.OrderBy(r => r.Name, StringComparer.Ordinal).Select(rule => new Dictionary<string, object>
        {
            ["alert"] = rule.Name,
            ["expr"] = rule.Expr,
            ["for"] = rule.Duration,
            ["labels"] = TargetLabels(group, rule),
            ["annotations"] = new SortedDictionary<string, string>(rule.Annotations, StringComparer.Ordinal),
        });
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["groups"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["name"] = group.Id.ToString("N"),
                    ["interval"] = $"{(long)options.Value.EvaluationInterval.TotalMilliseconds}ms",
                    ["params"] = new Dictionary<string, object> { ["extra_filters[]"] = selectors },
                    ["rules"] = rules.ToArray(),
                },
            },
        });
    }

    private static SortedDictionary<string, string> TargetLabels(AlertGroup group, AlertRule rule)
    {
        var labels = new SortedDictionary<string, string>(rule.Labels, StringComparer.Ordinal)
        {
            ["severity"] = rule.Severity,
            [GroupIdLabel] = group.Id.ToString(),
            [GroupNameLabel] = group.Name,
            ["cluster"] = group.ClusterName,
        };
        if (group.Namespace is not null)
        {
            labels["namespace"] = group.Namespace;
        }

        return labels;
    }

    private bool Write(string folder, IReadOnlyList<AlertGroup> groups)
    {
        Directory.CreateDirectory(folder);
        var files = groups.ToDictionary(group => Path.Combine(folder, group.Id.ToString("N") + ".yaml"), Render, StringComparer.Ordinal);
        files[Path.Combine(folder, OverviewCounts.RuleFileName)] = RenderRecordingRules();
        var changed = false;
        foreach (var (file, text) in files)
        {
            if (File.Exists(file) && File.ReadAllText(file) == text)
            {
                continue;
            }

            var temporary = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(file)}.{Guid.NewGuid():N}.tmp");
            File.WriteAllText(temporary, text);
            File.Move(temporary, file, overwrite: true);
            changed = true;
        }

        foreach (var stale in Directory.EnumerateFiles(folder, "*.yaml").Where(file => !files.ContainsKey(file)))
        {
            File.Delete(stale);
            changed = true;
        }

        return changed;
    }

    /// <summary>The overview's recording rules (<see cref="OverviewCounts"/>), a group of their own over every cluster.</summary>
    public string RenderRecordingRules() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["groups"] = new object[] { OverviewCounts.RecordingGroup(options.Value.EvaluationInterval) },
    });

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        if (options.Value.VmAlertEndpoint is null)
        {
            return;
        }

        try
        {
            using var response = await clients.CreateClient(HttpClientName).PostAsync(new Uri(options.Value.VmAlertEndpoint, "/-/reload"), null, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
        catch (HttpRequestException e)
        {
            // vmalert also checks its rule files on its own, so the change is read later.
            logger.LogWarning(e, "vmalert did not reload its rules");
        }
    }
}
