using System.Diagnostics;
using System.Globalization;

namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>
/// The processes under a resource's launcher. A project runs as <c>dotnet run</c>, whose child is the module itself; an
/// upgrade asks that child to stop (SIGTERM, as Kubernetes does), so it drains before it exits, whatever the launcher does
/// with signals.
/// </summary>
internal static class ProcessTree
{
    /// <summary>Every descendant of <paramref name="pid"/>, children before their own children.</summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        List<int> found = [];
        Queue<int> parents = new([pid]);
        while (parents.TryDequeue(out var parent))
        {
            foreach (var child in Children(parent))
            {
                found.Add(child);
                parents.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>Sends SIGTERM to <paramref name="pid"/>.</summary>
    public static async Task TerminateAsync(int pid, CancellationToken cancellationToken)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("kill could not be started.");
        await kill.WaitForExitAsync(cancellationToken);
    }

    private static IEnumerable<int> Children(int pid)
    {
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
        {
            return [];
        }

        List<int> children = [];
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                children.AddRange(File.ReadAllText(Path.Combine(task, "children"))
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(child => int.Parse(child, CultureInfo.InvariantCulture)));
            }
            catch (IOException)
            {
                // The thread ended while it was read.
            }
        }

        return children.Distinct();
    }
}
