namespace Dce.Console.Components.Pages.Workloads;

/// <summary>A unified line diff (longest common subsequence): what a rollback would change in the pod template.</summary>
public static class LineDiff
{
    public enum Change { Same, Removed, Added }

    public static IReadOnlyList<(Change Change, string Line)> Of(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var common = new int[before.Count + 1, after.Count + 1];
        for (var i = before.Count - 1; i >= 0; i--)
        {
            for (var j = after.Count - 1; j >= 0; j--)
            {
                common[i, j] = before[i] == after[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var lines = new List<(Change, string)>();
        var (b, a) = (0, 0);
        while (b < before.Count && a < after.Count)
        {
            if (before[b] == after[a])
            {
                lines.Add((Change.Same, before[b++]));
                a++;
            }
            else if (common[b + 1, a] >= common[b, a + 1])
            {
                lines.Add((Change.Removed, before[b++]));
            }
            else
            {
                lines.Add((Change.Added, after[a++]));
            }
        }

        lines.AddRange(before.Skip(b).Select(l => (Change.Removed, l)));
        lines.AddRange(after.Skip(a).Select(l => (Change.Added, l)));
        return lines;
    }
}
