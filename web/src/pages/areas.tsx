import {
  AlertOutlined,
  BarChartOutlined,
  BugOutlined,
  NotificationOutlined,
  PartitionOutlined,
  RadarChartOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';

export const AREAS = [
  'incidents',
  'coordination',
  'vulnerabilities',
  'advisories',
  'intel',
  'readiness',
  'reports',
] as const;
export type Area = (typeof AREAS)[number];

export const AREA_ICONS: Record<Area, React.ReactNode> = {
  incidents: <AlertOutlined />,
  coordination: <PartitionOutlined />,
  vulnerabilities: <BugOutlined />,
  advisories: <NotificationOutlined />,
  intel: <RadarChartOutlined />,
  readiness: <SafetyCertificateOutlined />,
  reports: <BarChartOutlined />,
};
