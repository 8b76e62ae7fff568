using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>
/// Replaces the replicas of one module with a new build, one by one: the new build goes to its own release folder, its
/// migration step runs (expand-only migrations, so the old replicas keep working), the surge slot starts on it, then each
/// replica is stopped gracefully (it drains) and started again on the new release, each waited healthy before the next;
/// finally the surge slot stops. One upgrade at a time.
/// </summary>
public sealed class RollingUpgrade(
    DistributedApplicationModel model, ResourceCommandService commands, ResourceNotificationService notifications, ILogger<RollingUpgrade> logger)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(40);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Upgrades <paramref name="module"/> to a build versioned <c>1.0.0-upgrade.&lt;id&gt;</c>, reporting each step.</summary>
    public async Task RunAsync(string module, string id, Action<string> progress, CancellationToken cancellationToken)
    {
        if (!UpgradeId.IsValid(id))
        {
            throw new ArgumentException($"Upgrade id '{id}' may hold letters, digits and dashes only.", nameof(id));
        }

        var set = model.Resources.OfType<ProjectResource>().Where(resource => resource.Name == module)
            .Select(resource => resource.TryGetLastAnnotation<ReplicaSetAnnotation>(out var members) ? members : null)
            .SingleOrDefault(members => members is { IsSingle: false })
            ?? throw new InvalidOperationException($"'{module}' is not a replicated module of this graph.");
        var replica0 = set.Primary;
        var surge = set.Surge!;
        if (!await _oneAtATime.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            throw new InvalidOperationException("Another upgrade is running; upgrades go one module at a time.");
        }

        try
        {
            var pointer = replica0.Annotations.OfType<ReleasePointerAnnotation>().Single().Pointer;
            var release = pointer.NewRelease(id);
            progress($"building {module} into {release}");
            await BuildAsync(replica0.GetProjectMetadata().ProjectPath, release, id, cancellationToken);
            pointer.Point(release);

            var migration = model.Resources.OfType<ProjectResource>().SingleOrDefault(resource => resource.Name == $"{module}-migrate");
            if (migration is not null)
            {
                progress($"migrating with {migration.Name}");
                await RunToCompletionAsync(migration.Name, cancellationToken);
            }

            progress($"starting {surge.Name} on the new release");
            await StartHealthyAsync(surge.Name, cancellationToken);
            foreach (var replica in set.Replicas)
            {
                progress($"replacing {replica.Name}");
                await StopAsync(replica.Name, cancellationToken);
                await StartHealthyAsync(replica.Name, cancellationToken);
                progress($"{replica.Name} runs the new release");
            }

            progress($"stopping {surge.Name}");
            await StopAsync(surge.Name, cancellationToken);
            progress($"{module} upgraded to 1.0.0-upgrade.{id}");
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task BuildAsync(string projectPath, string release, string id, CancellationToken cancellationToken)
    {
        // The running graph's builds share the source tree's obj folders; a build that lost a file lock to one of them
        // (MSB3026) succeeds when run again.
        try
        {
            await BuildOnceAsync(projectPath, release, id, cancellationToken);
        }
        catch (InvalidOperationException) when (!cancellationToken.IsCancellationRequested)
        {
            await BuildOnceAsync(projectPath, release, id, cancellationToken);
        }
    }

    private static async Task BuildOnceAsync(string projectPath, string release, string id, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", projectPath, "--nologo", "-v", "q", "-o", release, $"-p:DceRelease={id}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(projectPath)!,
        };
        using var build = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var output = build.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = build.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(BuildTimeout);
        try
        {
            await build.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            build.Kill(entireProcessTree: true);
            throw;
        }

        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"The build of {Path.GetFileName(projectPath)} failed:\n{await output}\n{await errors}");
        }
    }

    // The replica is asked to stop as Kubernetes asks a pod (SIGTERM to the module's process): it leaves the balancers'
    // rotation, finishes what it serves and exits. Only a replica that does not exit in time is stopped by the orchestrator.
    private async Task StopAsync(string name, CancellationToken cancellationToken)
    {
        if (IsStopped(name))
        {
            return;
        }

        if (Pid(name) is { } launcher && int.TryParse(launcher, CultureInfo.InvariantCulture, out var pid))
        {
            foreach (var process in ProcessTree.Descendants(pid))
            {
                await ProcessTree.TerminateAsync(process, cancellationToken);
            }

            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(StopGrace);
            try
            {
                await notifications.WaitForResourceAsync(name, update => IsStopped(update.Snapshot), grace.Token);
                logger.LogInformation("{Resource} stopped after draining", name);
                return;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("{Resource} did not stop within {Grace}; stopping it", name, StopGrace);
            }
        }

        await ExecuteAsync(name, KnownResourceCommands.StopCommand, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        await notifications.WaitForResourceAsync(name, update => IsStopped(update.Snapshot), timeout.Token);
    }

    private async Task RunToCompletionAsync(string name, CancellationToken cancellationToken)
    {
        var before = Pid(name);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        var finished = notifications.WaitForResourceAsync(name, update => Pid(update.Snapshot) is { } pid && pid != before && IsStopped(update.Snapshot), timeout.Token);
        await ExecuteAsync(name, KnownResourceCommands.StartCommand, cancellationToken);
        var outcome = await finished;
        if (outcome.Snapshot.ExitCode != 0)
        {
            throw new InvalidOperationException($"{name} exited {outcome.Snapshot.ExitCode}: the new release's migrations failed; no replica was replaced.");
        }
    }

    private async Task StartHealthyAsync(string name, CancellationToken cancellationToken)
    {
        var before = Pid(name);
        await ExecuteAsync(name, KnownResourceCommands.StartCommand, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        await notifications.WaitForResourceAsync(name, update =>
            update.Snapshot.State?.Text == KnownResourceStates.Running
            && update.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
            && Pid(update.Snapshot) is { } pid && pid != before, timeout.Token);
    }

    private async Task ExecuteAsync(string name, string command, CancellationToken cancellationToken)
    {
        var result = await commands.ExecuteCommandAsync(name, command, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} of {name} failed: {result.Message}");
        }

        logger.LogInformation("{Command} of {Resource} done", command, name);
    }

    private bool IsStopped(string name) =>
        !notifications.TryGetCurrentState(name, out var current) || IsStopped(current.Snapshot);

    private static bool IsStopped(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text is { } state && (KnownResourceStates.TerminalStates.Contains(state) || state == KnownResourceStates.NotStarted);

    private string? Pid(string name) => notifications.TryGetCurrentState(name, out var current) ? Pid(current.Snapshot) : null;

    private static string? Pid(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value?.ToString();
}
