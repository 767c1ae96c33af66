// Extensions that make a word a file name in an incident report: executables and scripts, installers,
// archives and disk images, documents that carry macros or exploits, and the usual dropped artefacts.
const LIST = [
  'exe dll scr com bat cmd pif cpl ocx sys drv msi msp msc lnk url hta chm inf reg',
  'ps1 psm1 psd1 vbs vbe js jse wsf wsh py pyc sh bash pl rb php asp aspx ashx jsp jspx war jar class',
  'apk ipa dmg pkg app deb rpm elf so bin dat tmp iso img vhd vhdx',
  'zip rar 7z gz tgz tar bz2 xz cab ace arj lzh uue',
  'doc docx docm dot dotm xls xlsx xlsm xlsb xlam xll ppt pptx pptm pps ppsm rtf pdf one onepkg',
  'odt ods odp svg html htm mht mhtml eml msg txt log csv json xml ini cfg conf yml yaml',
].join(' ');

const EXTENSIONS = new Set(LIST.split(' '));

/** Library names that look like file names but never are in a report ("Node.js"). Lower case. */
const NOT_FILES = new Set(['node.js', 'vue.js', 'next.js', 'nuxt.js', 'react.js', 'three.js', 'chart.js', 'd3.js']);

export function isFileExtension(ext: string): boolean {
  return EXTENSIONS.has(ext.toLowerCase());
}

export function isLibraryName(name: string): boolean {
  return NOT_FILES.has(name.toLowerCase());
}
