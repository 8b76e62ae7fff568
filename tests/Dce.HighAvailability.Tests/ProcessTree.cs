using System.Globalization;

namespace Dce.HighAvailability.Tests;

/// <summary>A process and its descendants, read from <c>/proc</c>.</summary>
internal static class ProcessTree
{
    /// <summary><paramref name="pid"/> then its descendants, parents before children.</summary>
    public static IEnumerable<int> WithDescendants(int pid)
    {
        List<int> found = [pid];
        for (var index = 0; index < found.Count; index++)
        {
            var tasks = $"/proc/{found[index]}/task";
            if (!Directory.Exists(tasks))
            {
                continue;
            }

            foreach (var task in Directory.EnumerateDirectories(tasks))
            {
                try
                {
                    found.AddRange(File.ReadAllText(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                        .Select(child => int.Parse(child, CultureInfo.InvariantCulture)).Where(child => !found.Contains(child)).ToList());
                }
                catch (IOException)
                {
                }
            }
        }

        return found;
    }
}
