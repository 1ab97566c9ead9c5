package io.github.pcrupgrade.cli;

import io.github.pcrupgrade.capturecheck.CaptureCheck;
import io.github.pcrupgrade.capturecheck.CaptureCheckReport;
import io.github.pcrupgrade.core.capture.CaptureDifference;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code capture compare FILE}: the simulation built from the state a capture shows, asked the
 * same statements, and every difference in columns, types, value shapes and errors listed: {@link
 * CaptureCheck#of(Path)}, the call a user's test suite makes.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Build the simulated deployment from the state a capture shows, send it the"
        + " recorded statements, and list every difference between the recorded answers and the"
        + " simulation's (columns, types, value shapes, SQLSTATEs). Exit 0 no difference,"
        + " 1 differences, 3 a bad capture file.")
final class CaptureCompareCommand implements Callable<Integer> {

  @ParentCommand CaptureCommand capture;

  @Parameters(index = "0", paramLabel = "FILE", description = "The capture file.")
  Path file;

  @Override
  public Integer call() {
    CaptureCheckReport report = CaptureCheck.of(file);
    var out = capture.root.ctx.out();
    if (report.matches()) {
      out.println("No difference: the simulation answers the " + report.statements()
          + " recorded statements of " + file + " as recorded (columns, types, value shapes,"
          + " SQLSTATEs).");
      return ExitCode.OK.code();
    }
    out.println(report.differences().size() + " difference(s) between " + file
        + " and the simulation of the state it shows:");
    for (CaptureDifference d : report.differences()) {
      out.println("  " + SafeText.escape(d.toString()));
    }
    out.println("Next: if the capture is of a real cluster, the simulation is wrong there;"
        + " report it with the capture.");
    return ExitCode.VIOLATIONS.code();
  }
}
