@echo off
rem Builds kubewizard's Windows installers in one command, from a checkout of the project:
rem
rem     packaging\build-windows.cmd
rem
rem Needs: JDK 17 (java and Maven must find it: JAVA_HOME or java on the PATH), Maven 3.8+ (mvn on the PATH) and
rem WiX Toolset 3.14 (JDK 17's jpackage does not take WiX 4 or newer). Writes to target\jpackage\installers:
rem   kubewizard-<version>.msi, kubewizard-<version>.exe and kubewizard-<version>-windows-x64-portable.zip.
setlocal
cd /d "%~dp0.."

where java >nul 2>nul
if errorlevel 1 if not defined JAVA_HOME (
  echo JDK 17 not found: install a JDK 17 ^(e.g. Eclipse Temurin 17^) and set JAVA_HOME.
  exit /b 1
)
where mvn >nul 2>nul
if errorlevel 1 (
  echo Maven not found: install Maven 3.8 or newer and put its bin folder on the PATH.
  exit /b 1
)
where candle.exe >nul 2>nul
if errorlevel 1 if defined WIX set "PATH=%WIX%bin;%PATH%"
where candle.exe >nul 2>nul
if errorlevel 1 (
  echo WiX Toolset 3 not found: install WiX 3.14 and put its bin folder on the PATH.
  exit /b 1
)

call mvn -B -Ppackage -DskipTests package
if errorlevel 1 exit /b 1
echo.
echo Installers in %CD%\target\jpackage\installers:
dir /b target\jpackage\installers
